#include "judge.h"

#include <algorithm>

#include "http_expectation.h"

namespace jwtconf::harness {
namespace {

int Severity(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPass:
      return 0;
    case Outcome::kAcceptable:
      return 1;
    case Outcome::kSkip:
      return 2;
    case Outcome::kWarn:
      return 3;
    case Outcome::kFail:
      return 4;
    case Outcome::kError:
      return 5;
    case Outcome::kTimeout:
      return 6;
    case Outcome::kCrash:
      return 7;
  }
  return 7;
}

std::string Join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : "|") + item;
  return text;
}

int Count(const std::map<std::string, int>& fetches, const std::string& name) {
  auto seen = fetches.find(name);
  return seen == fetches.end() ? 0 : seen->second;
}

// "" when the mock issuer's counts meet the step's expectations.
std::string FetchProblem(const Step& step,
                         const std::map<std::string, int>& fetches) {
  for (const auto& [name, expected] : step.fetches) {
    if (int observed = Count(fetches, name); observed != expected) {
      return name + " fetched " + std::to_string(observed) +
             " times, expected " + std::to_string(expected);
    }
  }
  for (const auto& [name, max] : step.max_fetches) {
    if (int observed = Count(fetches, name); observed > max) {
      return name + " fetched " + std::to_string(observed) +
             " times, expected at most " + std::to_string(max);
    }
  }
  return "";
}

}  // namespace

StepResult JudgeStep(const Step& step, const Observation& observation,
                     const std::map<std::string, int>& fetches,
                     const JudgeRules& rules) {
  StepResult result;
  result.expected = step.expect;
  result.expected_reasons = step.reasons;
  result.observed = observation.verdict;
  result.observed_reason = observation.reason;
  result.detail = observation.detail;
  result.http_status = observation.http_status;
  result.fetches = fetches;
  result.expected_fetches = step.fetches;
  result.max_fetches = step.max_fetches;
  const Outcome mismatch =
      rules.level == "MUST" ? Outcome::kFail : Outcome::kWarn;

  if (!observation.not_sent.empty()) {
    result.outcome = Outcome::kSkip;
    result.detail = observation.not_sent;
    return result;
  }
  // No verdict: the target died, ran out of time, or answered something
  // that is not a verdict; each is an outcome of its own.
  if (!observation.verdict) {
    result.outcome = observation.crashed     ? Outcome::kCrash
                     : observation.timed_out ? Outcome::kTimeout
                                             : Outcome::kError;
    return result;
  }
  if (step.expect != Verdict::kAcceptable &&
      *observation.verdict != step.expect) {
    result.outcome = mismatch;
    return result;
  }
  if (rules.compare_reasons && step.expect == Verdict::kReject &&
      std::find(step.reasons.begin(), step.reasons.end(), observation.reason) ==
          step.reasons.end()) {
    result.outcome = mismatch;
    result.detail = "reason " + observation.reason + ", expected " +
                    Join(step.reasons) + ": " + observation.detail;
    return result;
  }
  // HTTP-2..4, HTTP-7, HTTP-8: what the response said beyond its verdict.
  if (std::string problem = HttpProblem(step.expect_http, observation);
      !problem.empty()) {
    result.outcome = mismatch;
    result.detail = problem;
    return result;
  }
  if (rules.compare_fetches) {
    if (std::string problem = FetchProblem(step, fetches); !problem.empty()) {
      result.outcome = mismatch;
      result.detail = problem;
      return result;
    }
  }
  result.outcome = step.expect == Verdict::kAcceptable ? Outcome::kAcceptable
                                                       : Outcome::kPass;
  return result;
}

void JudgeCanary(StepResult& step, std::vector<std::string> hits,
                 const std::vector<std::string>& requirements) {
  if (hits.empty()) return;
  // The vector's own discovery requirement when it has one (a jwks_uri or
  // an iss that must not be followed), else JWS-6 (a URL in the token).
  std::string broken = "JWS-6";
  for (const std::string& id : requirements) {
    if (id.starts_with("DISC-")) {
      broken = id;
      break;
    }
  }
  std::string problem = broken + ": the SSRF canary was reached: " + hits[0];
  if (hits.size() > 1) {
    problem += " (and " + std::to_string(hits.size() - 1) + " more)";
  }
  step.detail = step.detail.empty() ? problem : problem + "; " + step.detail;
  step.canary_hits = std::move(hits);
  if (Severity(step.outcome) < Severity(Outcome::kFail)) {
    step.outcome = Outcome::kFail;
  }
}

Outcome CombineOutcomes(const std::vector<StepResult>& steps) {
  Outcome worst = Outcome::kPass;
  for (const auto& step : steps) {
    if (Severity(step.outcome) > Severity(worst)) worst = step.outcome;
  }
  return worst;
}

}  // namespace jwtconf::harness
