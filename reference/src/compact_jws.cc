#include "compact_jws.h"

#include <vector>

#include "base64url.h"

namespace jwtconf {
namespace {

CompactJwsParse Malformed(std::string detail) {
  return {std::nullopt, std::move(detail)};
}

std::vector<std::string_view> SplitOnDots(std::string_view token) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = token.find('.', start);
    if (dot == std::string_view::npos) {
      parts.push_back(token.substr(start));
      return parts;
    }
    parts.push_back(token.substr(start, dot - start));
    start = dot + 1;
  }
}

}  // namespace

CompactJwsParse SplitCompactJws(std::string_view token) {
  // JWS-1: the JSON serialization is not a bearer token.
  if (!token.empty() && token.front() == '{') {
    return Malformed("json serialization is not accepted");
  }

  // JWS-1: exactly three parts; five would be a JWE.
  const std::vector<std::string_view> parts = SplitOnDots(token);
  if (parts.size() != 3) {
    return Malformed("token has " + std::to_string(parts.size()) +
                     " parts, not 3");
  }

  // JWS-1: header and payload are never empty in a JWT.
  if (parts[0].empty() || parts[1].empty()) {
    return Malformed("empty header or payload part");
  }

  // JWS-1: every part is strict base64url.
  std::optional<std::string> header = Base64UrlDecode(parts[0]);
  std::optional<std::string> payload = Base64UrlDecode(parts[1]);
  std::optional<std::string> signature = Base64UrlDecode(parts[2]);
  if (!header || !payload || !signature) {
    return Malformed("part is not strict base64url");
  }

  CompactJws jws;
  jws.signing_input = token.substr(0, parts[0].size() + 1 + parts[1].size());
  jws.header = std::move(*header);
  jws.payload = std::move(*payload);
  jws.signature = std::move(*signature);
  return {std::move(jws), {}};
}

}  // namespace jwtconf
