// ${issuer}, ${audience}, ${jwks_uri}, ${now}, ${now+N}, ${now-N}, ${canary}
// and the others in vector strings (vectors/README.md, "Placeholders").
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace jwtconf::harness {

struct PlaceholderValues {
  std::string issuer;
  std::string audience;
  std::string jwks_uri;
  std::int64_t now = 0;        // seconds since the epoch, at the target's clock
  std::string origin{};        // scheme://host:port of the mock issuer
  std::string other_origin{};  // the same server under another host name
  std::string issuer_path{};   // the issuer's path below the origin
  // The target's RFC 7523 token endpoint; set for vectors that use it.
  std::string token_endpoint{};
  std::string nonce{};  // random per vector and run, e.g. for unique jti
  // The SSRF canary's origins (https in an https run; plain http): URLs that
  // no configuration names, for tokens and documents to point at.
  std::string canary{};
  std::string canary_http{};
};

// Replaces every placeholder in `text`. Throws std::runtime_error naming an
// unknown placeholder.
std::string SubstituteText(std::string_view text,
                           const PlaceholderValues& values);

// Throws std::runtime_error naming the first placeholder in `text` that is
// unknown or malformed; nothing is substituted.
void CheckPlaceholders(std::string_view text);

// Substitutes inside every string of `value`; a string that is exactly one
// ${now...} placeholder becomes a JSON number.
nlohmann::json SubstituteJson(const nlohmann::json& value,
                              const PlaceholderValues& values);

}  // namespace jwtconf::harness
