// Key generation, parsing and PEM/DER export.
#include "jwtconf/mock_idp/signing_key.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <stdexcept>
#include <string>
#include <utility>

#include "ec_curves.h"
#include "openssl_handles.h"
#include "signing_key_impl.h"

namespace jwtconf::mockidp {
namespace {

using internal::ThrowOpenSslError;

internal::PkeyPtr GenerateRsa(int bits) {
  if (bits < 512) throw std::invalid_argument("RSA key too small to generate");
  internal::PkeyPtr pkey(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
  if (!pkey) ThrowOpenSslError("RSA key generation failed");
  return pkey;
}

internal::PkeyPtr GenerateEc(const std::string& curve_name) {
  const internal::CurveInfo* curve = internal::FindCurveByJoseName(curve_name);
  if (curve == nullptr) {
    throw std::invalid_argument("unknown EC curve " + curve_name);
  }
  internal::PkeyPtr pkey(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve->openssl_name.data()));
  if (!pkey) ThrowOpenSslError("EC key generation failed");
  return pkey;
}

internal::PkeyPtr GenerateOkp(const std::string& curve_name) {
  if (curve_name != "Ed25519") {
    throw std::invalid_argument("unsupported OKP curve " + curve_name);
  }
  internal::PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!pkey) ThrowOpenSslError("Ed25519 key generation failed");
  return pkey;
}

// Reads back the spec of a parsed key, so that Sign can check alg fitness.
KeySpec SpecOf(EVP_PKEY* pkey) {
  KeySpec spec;
  if (EVP_PKEY_is_a(pkey, "RSA")) {
    spec.type = KeyType::kRsa;
    spec.rsa_bits = EVP_PKEY_get_bits(pkey);
    return spec;
  }

  if (EVP_PKEY_is_a(pkey, "EC")) {
    char group[64] = {};
    std::size_t group_len = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                       sizeof(group), &group_len) != 1) {
      ThrowOpenSslError("EC key without a named curve");
    }
    const internal::CurveInfo* curve = internal::FindCurveByOpenSslName(group);
    if (curve == nullptr) {
      throw std::runtime_error("unsupported EC curve " + std::string(group));
    }
    spec.type = KeyType::kEc;
    spec.curve = std::string(curve->jose_name);
    return spec;
  }

  if (EVP_PKEY_is_a(pkey, "ED25519")) {
    spec.type = KeyType::kOkp;
    spec.curve = "Ed25519";
    return spec;
  }

  throw std::runtime_error("unsupported private key type");
}

std::string DrainBio(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  if (len < 0) ThrowOpenSslError("cannot read memory BIO");
  return std::string(data, static_cast<std::size_t>(len));
}

internal::BioPtr NewMemoryBio() {
  internal::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) ThrowOpenSslError("cannot allocate memory BIO");
  return bio;
}

}  // namespace

SigningKey::SigningKey(KeySpec spec, std::shared_ptr<Impl> impl)
    : spec_(std::move(spec)), impl_(std::move(impl)) {}

SigningKey SigningKey::Generate(const KeySpec& spec) {
  auto impl = std::make_shared<Impl>();
  switch (spec.type) {
    case KeyType::kRsa:
      impl->pkey = GenerateRsa(spec.rsa_bits);
      break;
    case KeyType::kEc:
      impl->pkey = GenerateEc(spec.curve);
      break;
    case KeyType::kOkp:
      impl->pkey = GenerateOkp(spec.curve);
      break;
  }
  KeySpec actual = SpecOf(impl->pkey.get());
  return SigningKey(std::move(actual), std::move(impl));
}

SigningKey SigningKey::FromPrivatePem(std::string_view pem) {
  internal::BioPtr bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) ThrowOpenSslError("cannot allocate memory BIO");

  auto impl = std::make_shared<Impl>();
  impl->pkey.reset(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!impl->pkey) ThrowOpenSslError("cannot parse private key PEM");
  KeySpec spec = SpecOf(impl->pkey.get());
  return SigningKey(std::move(spec), std::move(impl));
}

std::string SigningKey::PublicPem() const {
  internal::BioPtr bio = NewMemoryBio();
  if (PEM_write_bio_PUBKEY(bio.get(), impl_->pkey.get()) != 1) {
    ThrowOpenSslError("cannot write public key PEM");
  }
  return DrainBio(bio.get());
}

std::string SigningKey::PublicDer() const {
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(impl_->pkey.get(), &der);
  if (len <= 0) ThrowOpenSslError("cannot write public key DER");
  std::string out(reinterpret_cast<const char*>(der),
                  static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

std::string SigningKey::PrivatePem() const {
  internal::BioPtr bio = NewMemoryBio();
  if (PEM_write_bio_PKCS8PrivateKey(bio.get(), impl_->pkey.get(), nullptr,
                                    nullptr, 0, nullptr, nullptr) != 1) {
    ThrowOpenSslError("cannot write private key PEM");
  }
  return DrainBio(bio.get());
}

KeySpec KeySpecForAlg(const std::string& alg) {
  if (alg.starts_with("RS") || alg.starts_with("PS")) {
    return {KeyType::kRsa, 2048, ""};
  }
  if (alg == "ES256") return {KeyType::kEc, 0, "P-256"};
  if (alg == "ES384") return {KeyType::kEc, 0, "P-384"};
  if (alg == "ES512") return {KeyType::kEc, 0, "P-521"};
  if (alg == "EdDSA") return {KeyType::kOkp, 0, "Ed25519"};
  throw std::invalid_argument("no key type for " + alg);
}

}  // namespace jwtconf::mockidp
