#include <openssl/core_names.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "jwtconf/mock_idp/signing_key.h"
#include "openssl_handles.h"

namespace jwtconf::mockidp {
namespace {

const char* HmacDigestName(std::string_view alg) {
  if (alg == "HS256") return "SHA256";
  if (alg == "HS384") return "SHA384";
  if (alg == "HS512") return "SHA512";
  return nullptr;
}

}  // namespace

std::string HmacSign(std::string_view alg, std::string_view key,
                     std::string_view input) {
  const char* digest = HmacDigestName(alg);
  if (digest == nullptr) {
    throw std::invalid_argument("not an HMAC alg: " + std::string(alg));
  }

  internal::MacPtr mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) internal::ThrowOpenSslError("HMAC unavailable");
  internal::MacCtxPtr ctx(EVP_MAC_CTX_new(mac.get()));
  if (!ctx) internal::ThrowOpenSslError("cannot create HMAC context");

  // An empty key must still count as "a key was given": OpenSSL treats a null
  // pointer as "keep the previous key", so point at a valid byte.
  static const unsigned char kNoKeyBytes = 0;
  const auto* key_bytes =
      key.empty() ? &kNoKeyBytes
                  : reinterpret_cast<const unsigned char*>(key.data());
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                       const_cast<char*>(digest), 0),
      OSSL_PARAM_construct_end(),
  };
  if (EVP_MAC_init(ctx.get(), key_bytes, key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(),
                     reinterpret_cast<const unsigned char*>(input.data()),
                     input.size()) != 1) {
    internal::ThrowOpenSslError("HMAC failed");
  }

  std::string out(EVP_MAX_MD_SIZE, '\0');
  std::size_t out_len = 0;
  if (EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()),
                    &out_len, out.size()) != 1) {
    internal::ThrowOpenSslError("HMAC failed");
  }
  out.resize(out_len);
  return out;
}

}  // namespace jwtconf::mockidp
