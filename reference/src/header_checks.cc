#include "header_checks.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace jwtconf {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 3> kHmacAlgorithms = {"HS256", "HS384",
                                                             "HS512"};
constexpr std::array<std::string_view, 4> kKeySourceHeaders = {"jku", "jwk",
                                                               "x5u", "x5c"};

HeaderCheck Refuse(Reason reason, std::string detail) {
  return {reason, std::move(detail), {}, {}};
}

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

// RFC 7515 §4.1.9: media types compare case-insensitively, and an
// `application/` prefix may be left out.
std::string MediaTypeKey(std::string_view media_type) {
  std::string key = Lowercase(media_type);
  constexpr std::string_view kPrefix = "application/";
  if (key.starts_with(kPrefix)) key.erase(0, kPrefix.size());
  return key;
}

template <std::size_t N>
bool Contains(const std::array<std::string_view, N>& list,
              std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

HeaderCheck CheckHeader(const json& header, const VerifierOptions& options) {
  // JWS-3: alg is present and a string.
  const auto alg_member = header.find("alg");
  if (alg_member == header.end() || !alg_member->is_string()) {
    return Refuse(Reason::kMalformedHeader, "alg missing or no string");
  }
  const std::string alg = alg_member->get<std::string>();

  // JWS-3: unsigned tokens are refused in any spelling.
  if (Lowercase(alg) == "none") {
    return Refuse(Reason::kAlgNone, "alg none");
  }

  // JWS-4: never HMAC with a JWKS key.
  if (Contains(kHmacAlgorithms, alg)) {
    return Refuse(Reason::kUnsupportedAlg, "hmac alg " + alg);
  }

  // JWS-3: only the configured allow-list.
  if (std::find(options.algorithms.begin(), options.algorithms.end(), alg) ==
      options.algorithms.end()) {
    return Refuse(Reason::kUnsupportedAlg, "alg not allowed");
  }

  // JWS-5: this verifier processes no critical extensions.
  if (header.contains("crit")) {
    return Refuse(Reason::kCritUnsupported, "crit header present");
  }

  // JWS-5: unencoded payloads (RFC 7797) are not understood.
  const auto b64 = header.find("b64");
  if (b64 != header.end() && *b64 != true) {
    return Refuse(Reason::kCritUnsupported, "b64 header is not true");
  }

  // JWS-6: keys are never taken from the token itself.
  for (std::string_view name : kKeySourceHeaders) {
    if (header.contains(name)) {
      return Refuse(Reason::kUntrustedKeySource,
                    "header names key source " + std::string(name));
    }
  }

  // JWS-9: typ, when present, is a string ...
  const auto typ = header.find("typ");
  if (typ != header.end() && !typ->is_string()) {
    return Refuse(Reason::kMalformedHeader, "typ is no string");
  }

  // ... and the expected one when the verifier is configured with one.
  if (options.expected_typ &&
      (typ == header.end() ||
       MediaTypeKey(typ->get_ref<const std::string&>()) !=
           MediaTypeKey(*options.expected_typ))) {
    return Refuse(Reason::kWrongTyp, "typ is not the expected one");
  }

  // JWS-10: cty, when present, is a string and no nested JWT.
  const auto cty = header.find("cty");
  if (cty != header.end() && !cty->is_string()) {
    return Refuse(Reason::kMalformedHeader, "cty is no string");
  }

  if (cty != header.end() &&
      MediaTypeKey(cty->get_ref<const std::string&>()) == "jwt") {
    return Refuse(Reason::kNestedJwt, "cty names a nested jwt");
  }

  // RFC 7515 §4.1.4: kid is a string.
  const auto kid = header.find("kid");
  if (kid != header.end() && !kid->is_string()) {
    return Refuse(Reason::kMalformedHeader, "kid is no string");
  }

  HeaderCheck check;
  check.alg = alg;
  if (kid != header.end()) check.kid = kid->get<std::string>();
  return check;
}

}  // namespace jwtconf
