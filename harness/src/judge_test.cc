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

TEST(JudgeStep, NoAnswerInTimeIsTimeout) {
  Observation observation = Observed(std::nullopt);
  observation.timed_out = true;
  EXPECT_EQ(JudgeStep(Step{}, observation, {}, kStrict).outcome,
            Outcome::kTimeout);
}

TEST(JudgeStep, TargetDeathIsCrashEvenAfterTimeout) {
  Observation observation = Observed(std::nullopt);
  observation.timed_out = true;
  observation.crashed = true;
  EXPECT_EQ(JudgeStep(Step{}, observation, {}, kStrict).outcome,
            Outcome::kCrash);
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
  steps[1].outcome = Outcome::kTimeout;
  EXPECT_EQ(CombineOutcomes(steps), Outcome::kTimeout);
  steps[2].outcome = Outcome::kCrash;
  EXPECT_EQ(CombineOutcomes(steps), Outcome::kCrash);
}

TEST(JudgeCanary, AnyHitFailsAPassingStepWithTheRequestLine) {
  StepResult step =
      JudgeStep(RejectStep({"unknown_kid"}),
                Observed(Verdict::kReject, "unknown_kid"), {}, kStrict);
  JudgeCanary(step, {"GET /jku.json HTTP/1.1 from 127.0.0.1"},
              {"JWS-6", "JWKS-2"});

  EXPECT_EQ(step.outcome, Outcome::kFail);
  EXPECT_EQ(step.detail,
            "JWS-6: the SSRF canary was reached: GET /jku.json HTTP/1.1 from "
            "127.0.0.1");
  EXPECT_EQ(step.canary_hits.size(), 1u);
}

TEST(JudgeCanary, NamesTheDiscoveryRequirementAndCountsFurtherHits) {
  StepResult step;
  step.outcome = Outcome::kWarn;
  JudgeCanary(step, {"GET /a HTTP/1.1 from x", "GET /b HTTP/1.1 from x"},
              {"ROB-2", "DISC-1"});

  EXPECT_EQ(step.outcome, Outcome::kFail);
  EXPECT_TRUE(step.detail.starts_with("DISC-1: "));
  EXPECT_NE(step.detail.find("(and 1 more)"), std::string::npos);
}

TEST(JudgeCanary, NoHitLeavesTheStepAndWorseOutcomesStay) {
  StepResult passing;
  JudgeCanary(passing, {}, {"JWS-6"});
  EXPECT_EQ(passing.outcome, Outcome::kPass);
  EXPECT_TRUE(passing.detail.empty());

  StepResult timed_out;
  timed_out.outcome = Outcome::kTimeout;
  JudgeCanary(timed_out, {"GET / HTTP/1.1 from x"}, {"JWS-6"});
  EXPECT_EQ(timed_out.outcome, Outcome::kTimeout);
  EXPECT_EQ(timed_out.canary_hits.size(), 1u);
}

}  // namespace
}  // namespace jwtconf::harness
