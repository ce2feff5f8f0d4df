// JWK export (RFC 7517, RFC 7518 section 6, RFC 8037).
#include <openssl/core_names.h>

#include <stdexcept>
#include <string>

#include "ec_curves.h"
#include "jwtconf/mock_idp/signing_key.h"
#include "openssl_handles.h"
#include "signing_key_impl.h"

namespace jwtconf::mockidp {
namespace {

using internal::ThrowOpenSslError;

// Big-endian unsigned bytes; `width` 0 means minimal length (RFC 7518 6.3.1.1
// for RSA), otherwise left-padded with zeros (6.2.1.2 for EC coordinates).
std::string ParamBytes(EVP_PKEY* pkey, const char* name, std::size_t width) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
    ThrowOpenSslError(std::string("cannot read key parameter ") + name);
  }
  internal::SecretBnPtr bn(raw);

  const std::size_t len =
      width != 0 ? width : static_cast<std::size_t>(BN_num_bytes(bn.get()));
  std::string out(len, '\0');
  if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()),
                   static_cast<int>(len)) < 0) {
    ThrowOpenSslError(std::string("key parameter too long: ") + name);
  }
  return out;
}

std::string B64Param(EVP_PKEY* pkey, const char* name, std::size_t width = 0) {
  return Base64UrlEncode(ParamBytes(pkey, name, width));
}

std::string RawOkpKey(EVP_PKEY* pkey, bool private_part) {
  std::size_t len = 0;
  const auto get =
      private_part ? EVP_PKEY_get_raw_private_key : EVP_PKEY_get_raw_public_key;
  if (get(pkey, nullptr, &len) != 1) ThrowOpenSslError("cannot read OKP key");
  std::string out(len, '\0');
  if (get(pkey, reinterpret_cast<unsigned char*>(out.data()), &len) != 1) {
    ThrowOpenSslError("cannot read OKP key");
  }
  out.resize(len);
  return out;
}

std::size_t CoordinateBytes(const std::string& curve_name) {
  const internal::CurveInfo* curve = internal::FindCurveByJoseName(curve_name);
  if (curve == nullptr) throw std::logic_error("unknown curve " + curve_name);
  return curve->coordinate_bytes;
}

}  // namespace

nlohmann::json SigningKey::PublicJwk() const {
  EVP_PKEY* pkey = impl_->pkey.get();
  switch (spec_.type) {
    case KeyType::kRsa:
      return {{"kty", "RSA"},
              {"n", B64Param(pkey, OSSL_PKEY_PARAM_RSA_N)},
              {"e", B64Param(pkey, OSSL_PKEY_PARAM_RSA_E)}};
    case KeyType::kEc: {
      const std::size_t width = CoordinateBytes(spec_.curve);
      return {{"kty", "EC"},
              {"crv", spec_.curve},
              {"x", B64Param(pkey, OSSL_PKEY_PARAM_EC_PUB_X, width)},
              {"y", B64Param(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, width)}};
    }
    case KeyType::kOkp:
      return {{"kty", "OKP"},
              {"crv", spec_.curve},
              {"x", Base64UrlEncode(RawOkpKey(pkey, false))}};
  }
  throw std::logic_error("unhandled key type");
}

std::string SigningKey::RawPublicKey() const {
  EVP_PKEY* pkey = impl_->pkey.get();
  switch (spec_.type) {
    case KeyType::kRsa:
      return ParamBytes(pkey, OSSL_PKEY_PARAM_RSA_N, 0);
    case KeyType::kEc: {
      const std::size_t width = CoordinateBytes(spec_.curve);
      return std::string(1, '\x04') +
             ParamBytes(pkey, OSSL_PKEY_PARAM_EC_PUB_X, width) +
             ParamBytes(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, width);
    }
    case KeyType::kOkp:
      return RawOkpKey(pkey, false);
  }
  throw std::logic_error("unhandled key type");
}

std::string SigningKey::RsaPublicExponent() const {
  if (spec_.type != KeyType::kRsa) {
    throw std::invalid_argument("not an RSA key");
  }
  return ParamBytes(impl_->pkey.get(), OSSL_PKEY_PARAM_RSA_E, 0);
}

nlohmann::json SigningKey::PrivateJwk() const {
  EVP_PKEY* pkey = impl_->pkey.get();
  nlohmann::json jwk = PublicJwk();
  switch (spec_.type) {
    case KeyType::kRsa:
      jwk["d"] = B64Param(pkey, OSSL_PKEY_PARAM_RSA_D);
      jwk["p"] = B64Param(pkey, OSSL_PKEY_PARAM_RSA_FACTOR1);
      jwk["q"] = B64Param(pkey, OSSL_PKEY_PARAM_RSA_FACTOR2);
      jwk["dp"] = B64Param(pkey, OSSL_PKEY_PARAM_RSA_EXPONENT1);
      jwk["dq"] = B64Param(pkey, OSSL_PKEY_PARAM_RSA_EXPONENT2);
      jwk["qi"] = B64Param(pkey, OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
      return jwk;
    case KeyType::kEc:
      // RFC 7518 6.2.2.1: d has the same length as the coordinates.
      jwk["d"] = B64Param(pkey, OSSL_PKEY_PARAM_PRIV_KEY,
                          CoordinateBytes(spec_.curve));
      return jwk;
    case KeyType::kOkp:
      jwk["d"] = Base64UrlEncode(RawOkpKey(pkey, true));
      return jwk;
  }
  throw std::logic_error("unhandled key type");
}

}  // namespace jwtconf::mockidp
