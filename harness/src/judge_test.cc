#include "judge.h"

#include <gtest/gtest.h>

namespace jwtconf::harness {
namespace {

Step RejectStep(std::vector<std::string> reasons) {
  Step step;
  step.expect = Verdict::kReject;
  step.reasons = std::move(reasons);
  return step;
}

Observation Observed(std::optional<Verdict> verdict, std::string reason = "") {
  Observation observation;
  observation.verdict = verdict;
  observation.reason = std::move(reason);
  return observation;
}

const JudgeRules kStrict{true, true, "MUST"};

TEST(JudgeStep, MatchingRejectWithListedReasonPasses) {
  auto result = JudgeStep(RejectStep({"expired", "too_old"}),
                          Observed(Verdict::kReject, "too_old"), {}, kStrict);
  EXPECT_EQ(result.outcome, Outcome::kPass);
}

TEST(JudgeStep, RejectForAnotherReasonFailsWhenReasonsCompared) {
  auto result =
      JudgeStep(RejectStep({"expired"}),
                Observed(Verdict::kReject, "bad_signature"), {}, kStrict);
  EXPECT_EQ(result.outcome, Outcome::kFail);
}

TEST(JudgeStep, RejectForAnotherReasonPassesOverHttp) {
  auto result =
      JudgeStep(RejectStep({"expired"}), Observed(Verdict::kReject, "ERR_X"),
                {}, {false, false, "MUST"});
  EXPECT_EQ(result.outcome, Outcome::kPass);
}

TEST(JudgeStep, AcceptOfRejectVectorFailsOnMust) {
  auto result = JudgeStep(RejectStep({"expired"}), Observed(Verdict::kAccept),
                          {}, kStrict);
  EXPECT_EQ(result.outcome, Outcome::kFail);
}

TEST(JudgeStep, MismatchOnShouldIsWarning) {
  auto result =
      JudgeStep(RejectStep({"invalid_key"}), Observed(Verdict::kAccept), {},
                {true, true, "SHOULD"});
  EXPECT_EQ(result.outcome, Outcome::kWarn);
}

TEST(JudgeStep, AcceptableTakesEitherVerdict) {
  Step step;
  step.expect = Verdict::kAcceptable;
  EXPECT_EQ(JudgeStep(step, Observed(Verdict::kAccept), {}, kStrict).outcome,
            Outcome::kAcceptable);
  EXPECT_EQ(JudgeStep(step, Observed(Verdict::kReject), {}, kStrict).outcome,
            Outcome::kAcceptable);
}

TEST(JudgeStep, NoVerdictIsError) {
  Step step;
  EXPECT_EQ(JudgeStep(step, Observed(std::nullopt), {}, kStrict).outcome,
            Outcome::kError);
}

TEST(JudgeStep, WrongFetchCountFailsWhenCompared) {
  Step step;
  step.fetches = {{"jwks", 1}};
  EXPECT_EQ(JudgeStep(step, Observed(Verdict::kAccept), {{"jwks", 2}}, kStrict)
                .outcome,
            Outcome::kFail);
  EXPECT_EQ(JudgeStep(step, Observed(Verdict::kAccept), {{"jwks", 1}}, kStrict)
                .outcome,
            Outcome::kPass);
}

TEST(CombineOutcomes, WorstStepWins) {
  std::vector<StepResult> steps(3);
  steps[0].outcome = Outcome::kPass;
  steps[1].outcome = Outcome::kWarn;
  steps[2].outcome = Outcome::kAcceptable;
  EXPECT_EQ(CombineOutcomes(steps), Outcome::kWarn);
  steps[0].outcome = Outcome::kError;
  EXPECT_EQ(CombineOutcomes(steps), Outcome::kError);
}

}  // namespace
}  // namespace jwtconf::harness
