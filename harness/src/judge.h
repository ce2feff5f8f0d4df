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

// The worst step outcome: error, fail, warn, acceptable, pass.
Outcome CombineOutcomes(const std::vector<StepResult>& steps);

}  // namespace jwtconf::harness
