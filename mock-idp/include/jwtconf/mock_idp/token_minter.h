// Compact JWS minting from exact header and payload texts, including the
// deliberately broken signatures that vectors need.
#pragma once

#include <optional>
#include <string>

#include "jwtconf/mock_idp/signing_key.h"

namespace jwtconf::mockidp {

enum class SignatureMode {
  kValid,        // signature of `alg` with `key` (or `hmac_secret`)
  kTampered,     // valid signature with one bit flipped
  kEmpty,        // third part empty
  kTruncated,    // valid signature minus its last byte
  kEcdsaDer,     // ECDSA in DER instead of R||S
  kEcdsaZeroR,   // R||S with r = 0
  kEcdsaZeroS,   // R||S with s = 0
  kEcdsaOrderS,  // R||S with s = group order
};

struct TokenSpec {
  std::string header_json;   // exact bytes encoded as the first part
  std::string payload_json;  // exact bytes encoded as the second part
  // Exact text of a part, used instead of encoding the JSON above (for
  // bytes that are not UTF-8, or encodings a verifier must refuse).
  std::optional<std::string> header_b64;
  std::optional<std::string> payload_b64;
  std::string alg;  // algorithm used to sign (may differ from header)
  const SigningKey* key = nullptr;
  std::optional<std::string> hmac_secret;  // HS* keyed with these bytes
  SignatureMode mode = SignatureMode::kValid;
};

// b64url(header).b64url(payload).b64url(signature). Throws
// std::invalid_argument when the spec cannot be signed as asked.
std::string MintToken(const TokenSpec& spec);

}  // namespace jwtconf::mockidp
