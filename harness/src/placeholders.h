// ${issuer}, ${audience}, ${jwks_uri}, ${now}, ${now+N}, ${now-N} in vector
// strings (vectors/README.md, "Placeholders").
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
  std::int64_t now = 0;  // seconds since the epoch, at the target's clock
};

// Replaces every placeholder in `text`. Throws std::runtime_error naming an
// unknown placeholder.
std::string SubstituteText(std::string_view text,
                           const PlaceholderValues& values);

// Substitutes inside every string of `value`; a string that is exactly one
// ${now...} placeholder becomes a JSON number.
nlohmann::json SubstituteJson(const nlohmann::json& value,
                              const PlaceholderValues& values);

}  // namespace jwtconf::harness
