#include "claims.h"

#include <cmath>
#include <optional>

namespace jwtconf {
namespace {

using nlohmann::json;

ClaimCheck Refuse(Reason reason, std::string detail) {
  return {reason, std::move(detail)};
}

// JWT-7: the workload identity.
ClaimCheck CheckSubject(const json& claims) {
  const auto sub = claims.find("sub");
  if (sub == claims.end()) return Refuse(Reason::kMissingClaim, "sub missing");

  if (!sub->is_string() || sub->get_ref<const std::string&>().empty()) {
    return Refuse(Reason::kInvalidClaimType, "sub is no non-empty string");
  }
  return {};
}

// JWT-3: a string or an array of strings that contains our audience.
ClaimCheck CheckAudience(const json& claims, const std::string& audience) {
  const auto aud = claims.find("aud");
  if (aud == claims.end()) return Refuse(Reason::kMissingClaim, "aud missing");

  if (aud->is_string()) {
    if (*aud != audience) {
      return Refuse(Reason::kAudienceMismatch, "aud does not match");
    }
    return {};
  }

  if (!aud->is_array()) {
    return Refuse(Reason::kInvalidClaimType, "aud is no string or array");
  }

  bool found = false;
  for (const json& entry : *aud) {
    if (!entry.is_string()) {
      return Refuse(Reason::kInvalidClaimType, "aud has a non-string entry");
    }
    found = found || entry == audience;
  }

  if (!found) return Refuse(Reason::kAudienceMismatch, "aud does not match");
  return {};
}

// JWT-9: a NumericDate is a finite JSON number within the I-JSON range.
ClaimCheck CheckNumericDate(const json& claims, const char* name) {
  const auto value = claims.find(name);
  if (value == claims.end()) return {};

  if (!value->is_number()) {
    return Refuse(Reason::kInvalidClaimType,
                  std::string(name) + " is no number");
  }

  const double seconds = value->get<double>();
  if (!std::isfinite(seconds) || std::fabs(seconds) > kMaxNumericDate) {
    return Refuse(Reason::kInvalidClaimType,
                  std::string(name) + " is out of range");
  }
  return {};
}

std::optional<double> NumberOf(const json& claims, const char* name) {
  const auto value = claims.find(name);
  if (value == claims.end()) return std::nullopt;
  return value->get<double>();
}

}  // namespace

ClaimCheck CheckClaims(const json& claims, const VerifierOptions& options,
                       double now) {
  const double leeway = static_cast<double>(options.leeway.count());

  if (ClaimCheck sub = CheckSubject(claims); !sub.ok()) return sub;

  if (ClaimCheck aud = CheckAudience(claims, options.audience); !aud.ok()) {
    return aud;
  }

  // JWT-4: exp is required.
  if (!claims.contains("exp")) {
    return Refuse(Reason::kMissingClaim, "exp missing");
  }

  // JWT-9: every NumericDate is checked before any is compared.
  for (const char* name : {"exp", "nbf", "iat"}) {
    if (ClaimCheck date = CheckNumericDate(claims, name); !date.ok()) {
      return date;
    }
  }

  // JWT-4: refused when now >= exp + leeway.
  if (now >= *NumberOf(claims, "exp") + leeway) {
    return Refuse(Reason::kExpired, "token expired");
  }

  // JWT-5: refused when now < nbf - leeway.
  const std::optional<double> nbf = NumberOf(claims, "nbf");
  if (nbf && now < *nbf - leeway) {
    return Refuse(Reason::kNotYetValid, "token not yet valid");
  }

  // JWT-6: iat is not in the future ...
  const std::optional<double> iat = NumberOf(claims, "iat");
  if (iat && *iat > now + leeway) {
    return Refuse(Reason::kIssuedInFuture, "iat is in the future");
  }

  // ... and within the maximum age when one is configured.
  if (iat && options.max_age &&
      now - *iat > static_cast<double>(options.max_age->count()) + leeway) {
    return Refuse(Reason::kTooOld, "token is older than max age");
  }

  return {};
}

}  // namespace jwtconf
