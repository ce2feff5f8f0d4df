#include "signature.h"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include <string>

#include "ec_curve.h"
#include "openssl_handles.h"

namespace jwtconf {
namespace {

enum class Family { kNone, kRsaPkcs1, kRsaPss, kEcdsa, kEdDsa };

struct AlgorithmInfo {
  Family family = Family::kNone;
  const EVP_MD* digest = nullptr;
  std::string_view curve;  // ECDSA only
};

// RFC 7518 §3.1, RFC 8037 §3.1.
AlgorithmInfo InfoOf(std::string_view alg) {
  if (alg == "RS256") return {Family::kRsaPkcs1, EVP_sha256(), {}};
  if (alg == "RS384") return {Family::kRsaPkcs1, EVP_sha384(), {}};
  if (alg == "RS512") return {Family::kRsaPkcs1, EVP_sha512(), {}};
  if (alg == "PS256") return {Family::kRsaPss, EVP_sha256(), {}};
  if (alg == "PS384") return {Family::kRsaPss, EVP_sha384(), {}};
  if (alg == "PS512") return {Family::kRsaPss, EVP_sha512(), {}};
  if (alg == "ES256") return {Family::kEcdsa, EVP_sha256(), "P-256"};
  if (alg == "ES384") return {Family::kEcdsa, EVP_sha384(), "P-384"};
  if (alg == "ES512") return {Family::kEcdsa, EVP_sha512(), "P-521"};
  if (alg == "EdDSA") return {Family::kEdDsa, nullptr, {}};
  return {};
}

bool Fail() {
  ERR_clear_error();
  return false;
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// JWS-7: R||S of exactly twice the coordinate length, each in [1, n-1],
// re-encoded as the DER that OpenSSL verifies. Empty on any violation.
std::string EcdsaDerFromJose(std::string_view curve_name,
                             std::string_view signature) {
  const EcCurve* curve = FindEcCurve(curve_name);
  if (curve == nullptr || signature.size() != 2 * curve->coordinate_bytes) {
    return {};
  }

  const int half = static_cast<int>(curve->coordinate_bytes);
  BignumPtr r(BN_bin2bn(Bytes(signature), half, nullptr));
  BignumPtr s(BN_bin2bn(Bytes(signature.substr(half)), half, nullptr));
  EcGroupPtr group(EC_GROUP_new_by_curve_name(curve->nid));
  if (!r || !s || !group) return {};

  const BIGNUM* order = EC_GROUP_get0_order(group.get());
  if (order == nullptr) return {};

  for (const BIGNUM* value : {r.get(), s.get()}) {
    if (BN_is_zero(value) || BN_cmp(value, order) >= 0) return {};
  }

  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return {};
  // ECDSA_SIG_set0 took ownership of r and s.
  static_cast<void>(r.release());
  static_cast<void>(s.release());

  unsigned char* der = nullptr;
  const int der_length = i2d_ECDSA_SIG(sig.get(), &der);
  if (der_length <= 0) return {};

  std::string out(reinterpret_cast<const char*>(der),
                  static_cast<std::size_t>(der_length));
  OPENSSL_free(der);
  return out;
}

}  // namespace

bool KeyFitsAlgorithm(const ParsedJwk& key, std::string_view alg) {
  const AlgorithmInfo info = InfoOf(alg);
  switch (info.family) {
    case Family::kRsaPkcs1:
    case Family::kRsaPss:
      return key.kty == "RSA";
    case Family::kEcdsa:
      return key.kty == "EC" && key.crv == info.curve;
    case Family::kEdDsa:
      return key.kty == "OKP" && (key.crv == "Ed25519" || key.crv == "Ed448");
    case Family::kNone:
      return false;
  }
  return false;
}

bool VerifySignature(const ParsedJwk& key, std::string_view alg,
                     std::string_view signing_input,
                     std::string_view signature) {
  const AlgorithmInfo info = InfoOf(alg);
  if (info.family == Family::kNone || !key.pkey ||
      !KeyFitsAlgorithm(key, alg)) {
    return false;
  }

  std::string der;
  if (info.family == Family::kEcdsa) {
    // JWS-7: only the fixed-length R||S form.
    der = EcdsaDerFromJose(info.curve, signature);
    if (der.empty()) return Fail();
    signature = der;
  }

  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, info.digest, nullptr,
                                   key.pkey.get()) != 1) {
    return Fail();
  }

  // RFC 7518 §3.5: PSS with MGF1 of the same hash and a hash-length salt.
  if (info.family == Family::kRsaPss &&
      (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
       EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, info.digest) != 1 ||
       EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1)) {
    return Fail();
  }

  // JWS-8: over the received bytes exactly.
  if (EVP_DigestVerify(ctx.get(), Bytes(signature), signature.size(),
                       Bytes(signing_input), signing_input.size()) != 1) {
    return Fail();
  }
  return true;
}

}  // namespace jwtconf
