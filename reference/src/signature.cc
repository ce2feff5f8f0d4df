#include "signature.h"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include <array>
#include <cstring>
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
  std::size_t slot = 0;    // index into the key's VerifyContextCache
};

// RFC 7518 §3.1, RFC 8037 §3.1.
AlgorithmInfo InfoOf(std::string_view alg) {
  if (alg == "RS256") return {Family::kRsaPkcs1, EVP_sha256(), {}, 0};
  if (alg == "RS384") return {Family::kRsaPkcs1, EVP_sha384(), {}, 1};
  if (alg == "RS512") return {Family::kRsaPkcs1, EVP_sha512(), {}, 2};
  if (alg == "PS256") return {Family::kRsaPss, EVP_sha256(), {}, 3};
  if (alg == "PS384") return {Family::kRsaPss, EVP_sha384(), {}, 4};
  if (alg == "PS512") return {Family::kRsaPss, EVP_sha512(), {}, 5};
  if (alg == "ES256") return {Family::kEcdsa, EVP_sha256(), "P-256", 6};
  if (alg == "ES384") return {Family::kEcdsa, EVP_sha384(), "P-384", 7};
  if (alg == "ES512") return {Family::kEcdsa, EVP_sha512(), "P-521", 8};
  if (alg == "EdDSA") return {Family::kEdDsa, nullptr, {}, 9};
  return {};
}

bool Fail() {
  ERR_clear_error();
  return false;
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// The group order n of a curve, big-endian and padded to the coordinate
// length, computed once per curve.
std::string_view GroupOrder(const EcCurve& curve) {
  static const std::array<std::string, 3> orders = [] {
    std::array<std::string, 3> out;
    int i = 0;
    for (const char* name : {"P-256", "P-384", "P-521"}) {
      const EcCurve* c = FindEcCurve(name);
      EcGroupPtr group(EC_GROUP_new_by_curve_name(c->nid));
      std::string order(c->coordinate_bytes, '\0');
      if (!group || BN_bn2binpad(EC_GROUP_get0_order(group.get()),
                                 reinterpret_cast<unsigned char*>(order.data()),
                                 static_cast<int>(order.size())) < 0) {
        order.clear();  // no order: every signature is refused
      }
      out[i++] = std::move(order);
    }
    return out;
  }();
  if (curve.coordinate_bytes == 32) return orders[0];
  if (curve.coordinate_bytes == 48) return orders[1];
  return orders[2];
}

// A big-endian scalar of the order's length lies in [1, n-1].
bool InScalarRange(std::string_view scalar, std::string_view order) {
  const bool zero = scalar.find_first_not_of('\0') == std::string_view::npos;
  return !zero && scalar.size() == order.size() &&
         std::memcmp(scalar.data(), order.data(), order.size()) < 0;
}

// The DER INTEGER of a non-negative big-endian value: leading zeros
// dropped, one 0x00 added when the high bit is set.
void AppendDerInteger(std::string_view value, std::string& der) {
  const std::size_t first = value.find_first_not_of('\0');
  value.remove_prefix(first);
  const bool pad = static_cast<unsigned char>(value.front()) >= 0x80;
  der.push_back(0x02);
  der.push_back(static_cast<char>(value.size() + (pad ? 1 : 0)));
  if (pad) der.push_back('\0');
  der.append(value);
}

// JWS-7: R||S of exactly twice the coordinate length, each in [1, n-1],
// re-encoded as the DER that OpenSSL verifies. Empty on any violation.
std::string EcdsaDerFromJose(std::string_view curve_name,
                             std::string_view signature) {
  const EcCurve* curve = FindEcCurve(curve_name);
  if (curve == nullptr || signature.size() != 2 * curve->coordinate_bytes) {
    return {};
  }

  const std::string_view order = GroupOrder(*curve);
  const std::string_view r = signature.substr(0, curve->coordinate_bytes);
  const std::string_view s = signature.substr(curve->coordinate_bytes);
  if (!InScalarRange(r, order) || !InScalarRange(s, order)) return {};

  // Each INTEGER fits in 2 + 67 bytes (P-521), so the SEQUENCE body stays
  // below 256 bytes: a one-byte long-form length covers every curve.
  std::string body;
  body.reserve(2 * (3 + curve->coordinate_bytes));
  AppendDerInteger(r, body);
  AppendDerInteger(s, body);

  std::string der;
  der.reserve(3 + body.size());
  der.push_back(0x30);
  if (body.size() >= 0x80) der.push_back(static_cast<char>(0x81));
  der.push_back(static_cast<char>(body.size()));
  der.append(body);
  return der;
}

// A verification context initialised with key, digest and padding.
EVP_MD_CTX* NewVerifyContext(EVP_PKEY* pkey, const AlgorithmInfo& info) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx ||
      EVP_DigestVerifyInit(ctx.get(), &pctx, info.digest, nullptr, pkey) != 1) {
    return nullptr;
  }

  // RFC 7518 §3.5: PSS with MGF1 of the same hash and a hash-length salt.
  if (info.family == Family::kRsaPss &&
      (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
       EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, info.digest) != 1 ||
       EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1)) {
    return nullptr;
  }
  return ctx.release();
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

  // A copy of the key's cached context for this algorithm.
  const EVP_MD_CTX* initialised = key.verify_contexts->Get(
      info.slot, [&] { return NewVerifyContext(key.pkey.get(), info); });
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (initialised == nullptr || !ctx ||
      EVP_MD_CTX_copy_ex(ctx.get(), initialised) != 1) {
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
