// A verifier under test, as the runner sees it: send a token, observe the
// verdict.
#pragma once

#include <optional>
#include <string>

#include "run_result.h"

namespace jwtconf::harness {

struct Observation {
  std::optional<Verdict> verdict;  // unset when the target errored
  std::string reason;              // reason code, where the target exposes one
  std::string detail;              // message, status line or error text
  int http_status = 0;             // over HTTP only
};

class Target {
 public:
  virtual ~Target() = default;
  virtual Observation Send(const std::string& token) = 0;
};

}  // namespace jwtconf::harness
