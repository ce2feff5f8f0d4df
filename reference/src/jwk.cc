#include "jwk.h"

#include <openssl/core_names.h>
#include <openssl/err.h>

#include <array>
#include <string_view>
#include <utility>

#include "base64url.h"
#include "ec_curve.h"
#include "openssl_handles.h"

namespace jwtconf {
namespace {

using nlohmann::json;

// RFC 7517 §9.2, RFC 7518 §6: members that only private or symmetric keys
// carry.
constexpr std::array<std::string_view, 8> kPrivateMembers = {
    "d", "p", "q", "dp", "dq", "qi", "oth", "k"};

struct BuiltKey {
  Reason problem = Reason::kOk;
  std::string detail;
  PkeyPtr pkey;
};

BuiltKey Refuse(Reason problem, std::string detail) {
  ERR_clear_error();
  return {problem, std::move(detail), nullptr};
}

ParsedJwk Unusable(ParsedJwk jwk, Reason problem, std::string detail) {
  jwk.problem = problem;
  jwk.problem_detail = std::move(detail);
  jwk.pkey.reset();
  return jwk;
}

// Reads an optional string member; false when it is present but no string.
bool ReadOptionalString(const json& jwk, const char* name,
                        std::optional<std::string>& out) {
  const auto it = jwk.find(name);
  if (it == jwk.end()) return true;

  if (!it->is_string()) return false;

  out = it->get<std::string>();
  return true;
}

// Reads `key_ops`; false when it is present but not an array of strings.
bool ReadKeyOps(const json& jwk, std::optional<std::vector<std::string>>& out) {
  const auto it = jwk.find("key_ops");
  if (it == jwk.end()) return true;

  if (!it->is_array()) return false;

  std::vector<std::string> ops;
  for (const json& op : *it) {
    if (!op.is_string()) return false;
    ops.push_back(op.get<std::string>());
  }
  out = std::move(ops);
  return true;
}

// A required base64url member, decoded; nullopt when missing or not strict.
std::optional<std::string> DecodedMember(const json& jwk, const char* name) {
  const auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) return std::nullopt;

  return Base64UrlDecode(it->get_ref<const std::string&>());
}

BignumPtr ToBignum(const std::string& bytes) {
  return BignumPtr(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                static_cast<int>(bytes.size()), nullptr));
}

PkeyPtr FromData(const char* type, OSSL_PARAM_BLD* builder) {
  ParamsPtr params(OSSL_PARAM_BLD_to_param(builder));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) {
    return nullptr;
  }

  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) !=
      1) {
    return nullptr;
  }
  return PkeyPtr(raw);
}

// RFC 7518 §6.3.1: n and e, unsigned big-endian.
BuiltKey BuildRsaKey(const json& jwk, int& bits) {
  const std::optional<std::string> n_bytes = DecodedMember(jwk, "n");
  const std::optional<std::string> e_bytes = DecodedMember(jwk, "e");
  if (!n_bytes || !e_bytes || n_bytes->empty() || e_bytes->empty()) {
    return Refuse(Reason::kInvalidKey, "rsa key needs base64url n and e");
  }

  BignumPtr n = ToBignum(*n_bytes);
  BignumPtr e = ToBignum(*e_bytes);
  if (!n || !e) return Refuse(Reason::kInvalidKey, "rsa key is unreadable");

  bits = BN_num_bits(n.get());

  // JWKS-7: RSA keys shorter than 2048 bits are refused.
  if (bits < kMinRsaBits) {
    return Refuse(Reason::kWeakKey,
                  "rsa modulus has " + std::to_string(bits) + " bits");
  }

  // ROB-1: a huge modulus makes every verification costly.
  if (bits > kMaxRsaBits) {
    return Refuse(Reason::kInvalidKey, "rsa modulus is too large");
  }

  // A usable public exponent is odd, above 1 and below n.
  if (!BN_is_odd(e.get()) || BN_is_one(e.get()) ||
      BN_cmp(e.get(), n.get()) >= 0) {
    return Refuse(Reason::kInvalidKey, "rsa exponent is unusable");
  }

  ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) !=
          1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) !=
          1) {
    return Refuse(Reason::kInvalidKey, "rsa key is unreadable");
  }

  PkeyPtr pkey = FromData("RSA", builder.get());
  if (!pkey) return Refuse(Reason::kInvalidKey, "rsa key is unreadable");

  return {Reason::kOk, {}, std::move(pkey)};
}

// RFC 7518 §6.2.1: crv, and x and y of exactly the coordinate length.
BuiltKey BuildEcKey(const json& jwk, const std::string& crv) {
  const EcCurve* curve = FindEcCurve(crv);
  if (curve == nullptr) {
    return Refuse(Reason::kInvalidKey, "unsupported ec curve");
  }

  const std::optional<std::string> x = DecodedMember(jwk, "x");
  const std::optional<std::string> y = DecodedMember(jwk, "y");
  if (!x || !y) return Refuse(Reason::kInvalidKey, "ec key needs x and y");

  // RFC 7518 §6.2.1.2-3: coordinates are padded to the full length.
  if (x->size() != curve->coordinate_bytes ||
      y->size() != curve->coordinate_bytes) {
    return Refuse(Reason::kInvalidKey, "ec coordinate has the wrong length");
  }

  const std::string point = "\x04" + *x + *y;
  const std::string group(curve->openssl_name);
  ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                      group.c_str(), 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                       point.data(), point.size()) != 1) {
    return Refuse(Reason::kInvalidKey, "ec key is unreadable");
  }

  // JWKS-8: the point must lie on the named curve.
  PkeyPtr pkey = FromData("EC", builder.get());
  if (!pkey) return Refuse(Reason::kInvalidKey, "ec point is not on the curve");

  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    return Refuse(Reason::kInvalidKey, "ec point is not on the curve");
  }

  return {Reason::kOk, {}, std::move(pkey)};
}

// RFC 8037 §2: crv and the raw public key x.
BuiltKey BuildOkpKey(const json& jwk, const std::string& crv) {
  int type = 0;
  std::size_t length = 0;
  if (crv == "Ed25519") {
    type = EVP_PKEY_ED25519;
    length = 32;
  } else if (crv == "Ed448") {
    type = EVP_PKEY_ED448;
    length = 57;
  } else {
    return Refuse(Reason::kInvalidKey, "unsupported okp curve");
  }

  const std::optional<std::string> x = DecodedMember(jwk, "x");
  if (!x || x->size() != length) {
    return Refuse(Reason::kInvalidKey, "okp key needs x of the curve length");
  }

  PkeyPtr pkey(EVP_PKEY_new_raw_public_key(
      type, nullptr, reinterpret_cast<const unsigned char*>(x->data()),
      x->size()));
  if (!pkey) return Refuse(Reason::kInvalidKey, "okp key is unreadable");

  return {Reason::kOk, {}, std::move(pkey)};
}

}  // namespace

ParsedJwk ParseJwk(const json& member) {
  ParsedJwk jwk;
  if (!member.is_object()) {
    return Unusable(std::move(jwk), Reason::kInvalidKey, "jwk is no object");
  }

  // RFC 7517 §4: the common members have fixed types.
  if (!ReadOptionalString(member, "kid", jwk.kid)) {
    return Unusable(std::move(jwk), Reason::kInvalidKey, "kid is no string");
  }

  std::optional<std::string> kty;
  if (!ReadOptionalString(member, "kty", kty) || !kty) {
    return Unusable(std::move(jwk), Reason::kInvalidKey, "kty is missing");
  }
  jwk.kty = *kty;

  if (!ReadOptionalString(member, "alg", jwk.alg)) {
    return Unusable(std::move(jwk), Reason::kInvalidKey, "alg is no string");
  }

  if (!ReadOptionalString(member, "use", jwk.use)) {
    return Unusable(std::move(jwk), Reason::kInvalidKey, "use is no string");
  }

  if (!ReadKeyOps(member, jwk.key_ops)) {
    return Unusable(std::move(jwk), Reason::kInvalidKey,
                    "key_ops is no array of strings");
  }

  std::optional<std::string> crv;
  if (!ReadOptionalString(member, "crv", crv)) {
    return Unusable(std::move(jwk), Reason::kInvalidKey, "crv is no string");
  }
  jwk.crv = crv.value_or("");

  // JWKS-9: a published key with private members is a misconfiguration.
  for (std::string_view name : kPrivateMembers) {
    if (member.contains(name)) {
      return Unusable(std::move(jwk), Reason::kInvalidKey,
                      "jwk has private member " + std::string(name));
    }
  }

  // TODO(jwks): JWKS-13 (MAY): an x5c member is not compared with the key.

  // JWKS-1: a kty this verifier does not understand makes the key unusable.
  BuiltKey built;
  if (jwk.kty == "RSA") {
    built = BuildRsaKey(member, jwk.rsa_bits);
  } else if (jwk.kty == "EC") {
    built = BuildEcKey(member, jwk.crv);
  } else if (jwk.kty == "OKP") {
    built = BuildOkpKey(member, jwk.crv);
  } else {
    return Unusable(std::move(jwk), Reason::kInvalidKey, "unsupported kty");
  }

  if (built.problem != Reason::kOk) {
    return Unusable(std::move(jwk), built.problem, std::move(built.detail));
  }

  jwk.pkey = std::shared_ptr<EVP_PKEY>(built.pkey.release(), EVP_PKEY_free);
  return jwk;
}

}  // namespace jwtconf
