// JWS signatures (RFC 7518 section 3, RFC 8037 section 3.1).
#include <openssl/rsa.h>

#include <stdexcept>
#include <string>

#include "ec_curves.h"
#include "jwtconf/mock_idp/signing_key.h"
#include "openssl_handles.h"
#include "signing_key_impl.h"

namespace jwtconf::mockidp {
namespace {

using internal::ThrowOpenSslError;

enum class Scheme { kPkcs1, kPss, kEcdsa, kEdDsa };

struct AlgInfo {
  Scheme scheme;
  const EVP_MD* md;  // null for EdDSA, which hashes internally
};

AlgInfo LookUpAlg(std::string_view alg) {
  if (alg == "RS256") return {Scheme::kPkcs1, EVP_sha256()};
  if (alg == "RS384") return {Scheme::kPkcs1, EVP_sha384()};
  if (alg == "RS512") return {Scheme::kPkcs1, EVP_sha512()};
  if (alg == "PS256") return {Scheme::kPss, EVP_sha256()};
  if (alg == "PS384") return {Scheme::kPss, EVP_sha384()};
  if (alg == "PS512") return {Scheme::kPss, EVP_sha512()};
  if (alg == "ES256") return {Scheme::kEcdsa, EVP_sha256()};
  if (alg == "ES384") return {Scheme::kEcdsa, EVP_sha384()};
  if (alg == "ES512") return {Scheme::kEcdsa, EVP_sha512()};
  if (alg == "EdDSA") return {Scheme::kEdDsa, nullptr};
  throw std::invalid_argument("unsupported signing alg " + std::string(alg));
}

// RFC 7518 3.4: ES256 pairs with P-256, ES384 with P-384, ES512 with P-521.
void CheckAlgFitsKey(std::string_view alg, Scheme scheme, const KeySpec& spec) {
  bool fits = false;
  switch (scheme) {
    case Scheme::kPkcs1:
    case Scheme::kPss:
      fits = spec.type == KeyType::kRsa;
      break;
    case Scheme::kEcdsa: {
      const internal::CurveInfo* curve =
          internal::FindCurveByJoseName(spec.curve);
      fits = spec.type == KeyType::kEc && curve != nullptr &&
             curve->ecdsa_alg == alg;
      break;
    }
    case Scheme::kEdDsa:
      fits = spec.type == KeyType::kOkp;
      break;
  }
  if (!fits) {
    throw std::invalid_argument(std::string(alg) + " does not fit this key");
  }
}

std::string DigestSign(EVP_PKEY* pkey, const AlgInfo& info,
                       std::string_view input) {
  internal::MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) ThrowOpenSslError("cannot allocate digest context");

  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  if (EVP_DigestSignInit(ctx.get(), &pctx, info.md, nullptr, pkey) != 1) {
    ThrowOpenSslError("cannot start signing");
  }

  // RFC 7518 3.5: salt as long as the hash, MGF1 with the same hash.
  if (info.scheme == Scheme::kPss &&
      (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
       EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
       EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, info.md) != 1)) {
    ThrowOpenSslError("cannot configure PSS");
  }

  const auto* in = reinterpret_cast<const unsigned char*>(input.data());
  std::size_t sig_len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &sig_len, in, input.size()) != 1) {
    ThrowOpenSslError("cannot size signature");
  }
  std::string sig(sig_len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()),
                     &sig_len, in, input.size()) != 1) {
    ThrowOpenSslError("signing failed");
  }
  sig.resize(sig_len);
  return sig;
}

// RFC 7518 3.4: R and S as fixed-length big-endian integers, concatenated.
std::string DerToRawEcdsa(const std::string& der, std::size_t width) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  internal::EcdsaSigPtr sig(
      d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) ThrowOpenSslError("cannot parse ECDSA signature");

  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(2 * width, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  const int w = static_cast<int>(width);
  if (BN_bn2binpad(r, out, w) < 0 || BN_bn2binpad(s, out + width, w) < 0) {
    ThrowOpenSslError("ECDSA signature component too long");
  }
  return raw;
}

}  // namespace

std::string SigningKey::Sign(std::string_view alg,
                             std::string_view input) const {
  const AlgInfo info = LookUpAlg(alg);
  CheckAlgFitsKey(alg, info.scheme, spec_);

  std::string sig = DigestSign(impl_->pkey.get(), info, input);
  if (info.scheme != Scheme::kEcdsa) return sig;
  return DerToRawEcdsa(
      sig, internal::FindCurveByJoseName(spec_.curve)->coordinate_bytes);
}

std::string SigningKey::SignEcdsaDer(std::string_view alg,
                                     std::string_view input) const {
  const AlgInfo info = LookUpAlg(alg);
  if (info.scheme != Scheme::kEcdsa) {
    throw std::invalid_argument(std::string(alg) + " is not ECDSA");
  }
  CheckAlgFitsKey(alg, info.scheme, spec_);
  return DigestSign(impl_->pkey.get(), info, input);
}

}  // namespace jwtconf::mockidp
