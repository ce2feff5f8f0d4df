// JWT claim checks (JWT-3..7, JWT-9) on a payload whose signature verified.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "jwtconf/reference/reason.h"
#include "jwtconf/reference/verifier.h"

namespace jwtconf {

struct ClaimCheck {
  Reason reason = Reason::kOk;
  std::string detail;
  bool ok() const { return reason == Reason::kOk; }
};

// JWT-9: the largest magnitude an I-JSON number keeps exactly (RFC 7493).
inline constexpr double kMaxNumericDate = 9007199254740991.0;

// Checks sub, aud, exp, nbf, iat in that order; `now` is seconds since the
// epoch. `iss` is checked before key lookup, not here.
ClaimCheck CheckClaims(const nlohmann::json& claims,
                       const VerifierOptions& options, double now);

}  // namespace jwtconf
