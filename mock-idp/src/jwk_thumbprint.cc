#include "jwk_thumbprint.h"

#include <openssl/evp.h>

#include "jwtconf/mock_idp/signing_key.h"
#include "openssl_handles.h"

namespace jwtconf::mockidp::internal {

std::string JwkThumbprint(const nlohmann::json& public_jwk) {
  // RFC 7638 3.3: members sorted, no whitespace. nlohmann::json keeps object
  // members sorted and dump() adds no whitespace; every value here is a
  // base64url or ASCII name, so no escaping differences arise.
  const std::string canonical = public_jwk.dump();

  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(canonical.data(), canonical.size(), digest, &digest_len,
                 EVP_sha256(), nullptr) != 1) {
    ThrowOpenSslError("SHA-256 failed");
  }
  return Base64UrlEncode(
      std::string_view(reinterpret_cast<const char*>(digest), digest_len));
}

}  // namespace jwtconf::mockidp::internal
