// One line of `jwtconf probe-issuer`'s report: a requirement of the
// catalogue, what was checked, and how the issuer fared.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jwtconf::harness {

enum class CheckStatus { kPass, kWarn, kFail };

struct ProbeCheck {
  std::string requirement;  // e.g. "DISC-3"
  std::string name;         // what was checked, e.g. "issuer matches"
  CheckStatus status = CheckStatus::kPass;
  std::string detail;
};

std::string_view CheckStatusName(CheckStatus status);  // "pass", ...

// The worse of the two.
CheckStatus Worse(CheckStatus a, CheckStatus b);

}  // namespace jwtconf::harness
