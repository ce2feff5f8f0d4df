#include "run_result.h"

namespace jwtconf::harness {

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAccept:
      return "accept";
    case Verdict::kReject:
      return "reject";
    case Verdict::kAcceptable:
      return "acceptable";
  }
  return "unknown";
}

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kFail:
      return "fail";
    case Outcome::kWarn:
      return "warn";
    case Outcome::kAcceptable:
      return "acceptable";
    case Outcome::kSkip:
      return "skip";
    case Outcome::kError:
      return "error";
    case Outcome::kTimeout:
      return "timeout";
    case Outcome::kCrash:
      return "crash";
  }
  return "unknown";
}

std::optional<Verdict> VerdictFromName(std::string_view name) {
  for (Verdict verdict : kAllVerdicts) {
    if (VerdictName(verdict) == name) return verdict;
  }
  return std::nullopt;
}

std::optional<Outcome> OutcomeFromName(std::string_view name) {
  for (Outcome outcome : kAllOutcomes) {
    if (OutcomeName(outcome) == name) return outcome;
  }
  return std::nullopt;
}

RunSummary RunResult::Summary() const {
  RunSummary summary;
  for (const VectorResult& vector : vectors) {
    switch (vector.outcome) {
      case Outcome::kPass:
        ++summary.passed;
        break;
      case Outcome::kFail:
        ++summary.failed;
        break;
      case Outcome::kWarn:
        ++summary.warned;
        break;
      case Outcome::kAcceptable:
        ++summary.acceptable;
        break;
      case Outcome::kSkip:
        ++summary.skipped;
        break;
      case Outcome::kError:
        ++summary.errors;
        break;
      case Outcome::kTimeout:
        ++summary.timeouts;
        break;
      case Outcome::kCrash:
        ++summary.crashes;
        break;
    }
  }
  return summary;
}

}  // namespace jwtconf::harness
