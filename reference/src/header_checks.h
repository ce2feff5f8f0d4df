// JOSE header checks of the verifier (JWS-3..6, JWS-9, JWS-10).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "jwtconf/reference/reason.h"
#include "jwtconf/reference/verifier.h"

namespace jwtconf {

struct HeaderCheck {
  Reason reason = Reason::kOk;
  std::string detail;
  std::string alg;                 // when reason == kOk
  std::optional<std::string> kid;  // when reason == kOk and kid is present
  bool ok() const { return reason == Reason::kOk; }
};

// Checks a parsed header object in the contract's order.
HeaderCheck CheckHeader(const nlohmann::json& header,
                        const VerifierOptions& options);

}  // namespace jwtconf
