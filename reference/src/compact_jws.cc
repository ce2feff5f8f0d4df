#include "compact_jws.h"

#include <array>

#include "base64url.h"

namespace jwtconf {
namespace {

CompactJwsParse Malformed(std::string detail) {
  return {std::nullopt, std::move(detail)};
}

// The parts between dots; only the first four are kept, which is enough to
// tell three parts from any other count.
struct DotSplit {
  std::array<std::string_view, 4> parts;
  std::size_t count = 0;
};

DotSplit SplitOnDots(std::string_view token) {
  DotSplit split;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = token.find('.', start);
    const std::string_view part = token.substr(start, dot - start);
    if (split.count < split.parts.size()) split.parts[split.count] = part;
    ++split.count;
    if (dot == std::string_view::npos) return split;
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
  const DotSplit split = SplitOnDots(token);
  if (split.count != 3) {
    return Malformed("token has " + std::to_string(split.count) +
                     " parts, not 3");
  }
  const std::array<std::string_view, 4>& parts = split.parts;

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
