// Test-only decoding and verification with raw OpenSSL: an oracle for the
// mock issuer's own output, independent of the code under test.
#pragma once

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace jwtconf::mockidp::testing {

inline std::string Base64UrlDecode(std::string_view text) {
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '-') v = 62;
    if (c == '_') v = 63;
    if (v < 0) throw std::invalid_argument("not base64url");
    buffer = (buffer << 6) | static_cast<unsigned int>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

inline Pkey FromData(const char* type, OSSL_PARAM_BLD* bld) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* pkey = nullptr;
  if (ctx == nullptr || EVP_PKEY_fromdata_init(ctx) != 1 ||
      EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1) {
    pkey = nullptr;
  }
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  return Pkey(pkey);
}

inline BIGNUM* Bn(const std::string& bytes) {
  return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                   static_cast<int>(bytes.size()), nullptr);
}

// Builds a public key from a JWK, so a signature check also checks the JWK.
inline Pkey PublicKeyFromJwk(const nlohmann::json& jwk) {
  const std::string kty = jwk.at("kty");
  if (kty == "OKP") {
    const std::string x = Base64UrlDecode(jwk.at("x").get<std::string>());
    return Pkey(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr,
        reinterpret_cast<const unsigned char*>(x.data()), x.size()));
  }

  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  if (kty == "RSA") {
    BIGNUM* n = Bn(Base64UrlDecode(jwk.at("n").get<std::string>()));
    BIGNUM* e = Bn(Base64UrlDecode(jwk.at("e").get<std::string>()));
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n);
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e);
    Pkey pkey = FromData("RSA", bld);
    BN_free(n);
    BN_free(e);
    return pkey;
  }

  const std::string crv = jwk.at("crv");
  const char* group = crv == "P-256"   ? "prime256v1"
                      : crv == "P-384" ? "secp384r1"
                                       : "secp521r1";
  std::string point = "\x04";
  point += Base64UrlDecode(jwk.at("x").get<std::string>());
  point += Base64UrlDecode(jwk.at("y").get<std::string>());
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                   point.size());
  return FromData("EC", bld);
}

inline Pkey PublicKeyFromDer(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  return Pkey(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
}

// R||S back to DER, which is what EVP verification expects.
inline std::string RawEcdsaToDer(const std::string& raw) {
  const std::size_t w = raw.size() / 2;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  ECDSA_SIG_set0(sig, Bn(raw.substr(0, w)), Bn(raw.substr(w)));
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig, &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  ECDSA_SIG_free(sig);
  return out;
}

// True when `sig` is a valid JWS signature of `alg` over `input`.
inline bool Verify(EVP_PKEY* pkey, const std::string& alg,
                   const std::string& input, std::string sig) {
  const std::string bits = alg.substr(2);
  const EVP_MD* md = alg == "EdDSA"  ? nullptr
                     : bits == "256" ? EVP_sha256()
                     : bits == "384" ? EVP_sha384()
                                     : EVP_sha512();
  if (alg.starts_with("ES")) sig = RawEcdsaToDer(sig);

  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  bool ok = EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, pkey) == 1;
  if (ok && alg.starts_with("PS")) {
    ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) == 1;
  }
  ok = ok &&
       EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()),
                        sig.size(),
                        reinterpret_cast<const unsigned char*>(input.data()),
                        input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  ERR_clear_error();
  return ok;
}

}  // namespace jwtconf::mockidp::testing
