#include "raw_openssl.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <stdexcept>

namespace jwtconf::bench {
namespace {

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// Standard base64 after mapping the URL alphabet back and re-padding.
std::string DecodeBase64Url(std::string_view text) {
  std::string standard(text);
  std::replace(standard.begin(), standard.end(), '-', '+');
  std::replace(standard.begin(), standard.end(), '_', '/');
  while (standard.size() % 4 != 0) standard.push_back('=');

  std::string out(standard.size() / 4 * 3, '\0');
  const int length =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      Bytes(standard), static_cast<int>(standard.size()));
  if (length < 0) throw std::runtime_error("bad base64url in token");
  const std::size_t padding = static_cast<std::size_t>(
      std::count(standard.end() - 2, standard.end(), '='));
  out.resize(static_cast<std::size_t>(length) - padding);
  return out;
}

std::string EcdsaDer(std::string_view jose) {
  const int half = static_cast<int>(jose.size() / 2);
  ECDSA_SIG* sig = ECDSA_SIG_new();
  ECDSA_SIG_set0(sig, BN_bin2bn(Bytes(jose), half, nullptr),
                 BN_bin2bn(Bytes(jose.substr(half)), half, nullptr));
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (length <= 0) throw std::runtime_error("cannot encode ECDSA signature");
  std::string out(reinterpret_cast<char*>(der), length);
  OPENSSL_free(der);
  return out;
}

const EVP_MD* DigestOf(std::string_view alg) {
  if (alg == "EdDSA") return nullptr;
  if (alg.ends_with("256")) return EVP_sha256();
  if (alg.ends_with("384")) return EVP_sha384();
  return EVP_sha512();
}

}  // namespace

RawOpensslVerify::RawOpensslVerify(std::string_view alg, std::string_view token,
                                   std::string_view public_pem)
    : alg_(alg), digest_(DigestOf(alg)), pss_(alg.starts_with("PS")) {
  const std::size_t last_dot = token.rfind('.');
  signing_input_ = token.substr(0, last_dot);
  signature_ = DecodeBase64Url(token.substr(last_dot + 1));
  if (alg.starts_with("ES")) signature_ = EcdsaDer(signature_);

  BIO* bio =
      BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()));
  pkey_ = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  work_ = EVP_MD_CTX_new();
  template_ = EVP_MD_CTX_new();
  if (pkey_ == nullptr || work_ == nullptr || template_ == nullptr ||
      !Init(template_) || !VerifyInitEachTime() || !VerifyFromTemplate()) {
    throw std::runtime_error("raw OpenSSL cannot verify the " + alg_ +
                             " token");
  }
}

RawOpensslVerify::~RawOpensslVerify() {
  EVP_MD_CTX_free(template_);
  EVP_MD_CTX_free(work_);
  EVP_PKEY_free(pkey_);
}

bool RawOpensslVerify::Init(EVP_MD_CTX* ctx) const {
  EVP_PKEY_CTX* pctx = nullptr;
  if (EVP_DigestVerifyInit(ctx, &pctx, digest_, nullptr, pkey_) != 1) {
    return false;
  }
  return !pss_ ||
         (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
          EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, digest_) == 1 &&
          EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1);
}

bool RawOpensslVerify::VerifyInitEachTime() {
  return Init(work_) &&
         EVP_DigestVerify(work_, Bytes(signature_), signature_.size(),
                          Bytes(signing_input_), signing_input_.size()) == 1;
}

bool RawOpensslVerify::VerifyFromTemplate() {
  return EVP_MD_CTX_copy_ex(work_, template_) == 1 &&
         EVP_DigestVerify(work_, Bytes(signature_), signature_.size(),
                          Bytes(signing_input_), signing_input_.size()) == 1;
}

}  // namespace jwtconf::bench
