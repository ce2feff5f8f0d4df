// Strict base64url decoding (RFC 7515 §2, RFC 4648 §5): no padding, no
// whitespace, canonical trailing bits only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jwtconf {

// nullopt for any character outside A-Z a-z 0-9 - _, a length of 1 mod 4,
// or non-zero unused bits in the last character.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace jwtconf
