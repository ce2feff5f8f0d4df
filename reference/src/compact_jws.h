// Splitting and decoding of a JWS compact serialization (JWS-1).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jwtconf {

struct CompactJws {
  std::string_view signing_input;  // header.payload exactly as received
  std::string header;              // decoded bytes
  std::string payload;             // decoded bytes
  std::string signature;           // decoded bytes, possibly empty
};

struct CompactJwsParse {
  std::optional<CompactJws> jws;  // nullopt: malformed_token
  std::string detail;
};

// JWS-1: three strict base64url parts, header and payload non-empty.
CompactJwsParse SplitCompactJws(std::string_view token);

}  // namespace jwtconf
