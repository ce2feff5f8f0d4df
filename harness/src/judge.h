// Compares what a target did with what a vector expects. A case passes only
// on a positive match; a mismatch on a SHOULD or MAY is a warning.
#pragma once

#include "run_result.h"
#include "target.h"
#include "vector_model.h"

namespace jwtconf::harness {

struct JudgeRules {
  bool compare_reasons = false;  // the target exposes reliable reason codes
  bool compare_fetches = false;  // the mock issuer's counts are per target
  std::string level;             // of the vector's primary requirement
};

StepResult JudgeStep(const Step& step, const Observation& observation,
                     const std::map<std::string, int>& fetches,
                     const JudgeRules& rules);

// JWS-6, DISC-1: requests that reached the SSRF canary during the step
// (request lines) fail it whatever it answered; `requirements` are the
// vector's, to name the requirement broken.
void JudgeCanary(StepResult& step, std::vector<std::string> hits,
                 const std::vector<std::string>& requirements);

// The worst step outcome: crash, timeout, error, fail, warn, skip,
// acceptable, pass.
Outcome CombineOutcomes(const std::vector<StepResult>& steps);

}  // namespace jwtconf::harness
