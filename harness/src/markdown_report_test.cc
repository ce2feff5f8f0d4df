#include "markdown_report.h"

#include <gtest/gtest.h>

namespace jwtconf::harness {
namespace {

VectorResult Vector(std::string id, std::vector<std::string> requirements,
                    Outcome outcome) {
  VectorResult vector;
  vector.id = std::move(id);
  vector.category = "keys";
  vector.requirements = std::move(requirements);
  vector.outcome = outcome;
  StepResult step;
  step.expected = Verdict::kReject;
  step.expected_reasons = {"unknown_kid"};
  step.observed = Verdict::kReject;
  step.observed_reason = "unknown_kid";
  step.outcome = outcome;
  vector.steps = {step};
  return vector;
}

RunResult SampleRun() {
  RunResult run;
  run.tool_version = "0.1.0";
  run.target = "reference (in-process)";
  run.vectors_dir = "vectors";
  run.started_at = "2026-01-01T00:00:00Z";
  run.finished_at = "2026-01-01T00:00:03Z";

  VectorResult failed = Vector("kid-unknown", {"JWKS-2"}, Outcome::kFail);
  failed.steps[0].observed = Verdict::kAccept;
  failed.steps[0].observed_reason = "";
  failed.steps[0].http_status = 200;
  failed.steps[0].detail = "served | ok\nsecond line";
  VectorResult skipped = Vector("exp-61s-ago", {"JWT-4"}, Outcome::kSkip);
  skipped.skip_reason = "needs fixed_clock";
  skipped.steps[0].observed.reset();
  skipped.steps[0].observed_reason = "";

  run.vectors = {Vector("kid-case", {"JWKS-2", "JWS-10"}, Outcome::kPass),
                 failed, skipped,
                 Vector("crit-empty", {"JWS-9"}, Outcome::kAcceptable)};
  return run;
}

TEST(MarkdownReport, StartsWithTitleTargetAndSummary) {
  std::string markdown = RunToMarkdown(SampleRun());

  EXPECT_EQ(markdown.rfind("# jwtconf conformance results\n", 0), 0u);
  EXPECT_NE(markdown.find("- Target: reference (in-process)"),
            std::string::npos);
  EXPECT_NE(markdown.find("| fail | 1 |"), std::string::npos);
  EXPECT_NE(markdown.find("| acceptable | 1 |"), std::string::npos);
  EXPECT_NE(markdown.find("| **total** | **4** |"), std::string::npos);
}

TEST(MarkdownReport, CountsAndListsTimeoutsAndCrashes) {
  RunResult run = SampleRun();
  run.vectors.push_back(Vector("hang", {"ROB-2"}, Outcome::kTimeout));
  run.vectors.push_back(Vector("died", {"ROB-2"}, Outcome::kCrash));
  std::string markdown = RunToMarkdown(run);

  EXPECT_NE(markdown.find("| timeout | 1 |"), std::string::npos);
  EXPECT_NE(markdown.find("| crash | 1 |"), std::string::npos);
  EXPECT_NE(markdown.find("| hang | ROB-2 |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("2 vectors: 1 timeout, 1 crash"), std::string::npos);
}

TEST(MarkdownReport, ListsFailingVectorWithEscapedDetail) {
  std::string markdown = RunToMarkdown(SampleRun());

  EXPECT_NE(markdown.find("| kid-unknown | JWKS-2 | reject (unknown\\_kid) | "
                          "accept, HTTP 200 | fail | served \\| ok second "
                          "line |\n"),
            std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("| exp-61s-ago | JWT-4 | reject (unknown\\_kid) | "
                          "none | skip | needs fixed\\_clock |"),
            std::string::npos)
      << markdown;
  EXPECT_EQ(markdown.find("| kid-case |"), std::string::npos);
}

TEST(MarkdownReport, GroupsByRequirementInNumericOrder) {
  std::string markdown = RunToMarkdown(SampleRun());

  auto jwks2 = markdown.find("### JWKS-2\n\n2 vectors: 1 pass, 1 fail\n");
  auto jws9 = markdown.find("### JWS-9\n\n1 vectors: 1 acceptable\n");
  auto jws10 = markdown.find("### JWS-10\n");
  ASSERT_NE(jwks2, std::string::npos) << markdown;
  ASSERT_NE(jws9, std::string::npos) << markdown;
  ASSERT_NE(jws10, std::string::npos);
  EXPECT_LT(jwks2, jws9);
  EXPECT_LT(jws9, jws10);
  EXPECT_NE(markdown.find("- kid-unknown: fail\n"), std::string::npos);
}

TEST(MarkdownReport, SaysWhenEveryVectorPassed) {
  RunResult run = SampleRun();
  run.vectors = {Vector("kid-case", {"JWKS-2"}, Outcome::kPass)};

  EXPECT_NE(RunToMarkdown(run).find("Every vector passed."), std::string::npos);
}

TEST(MarkdownReport, FetchesSectionListsExpectedAndObservedCounts) {
  RunResult run = SampleRun();
  VectorResult cached = Vector("cache-once", {"JWKS-10"}, Outcome::kFail);
  cached.steps[0].expected_fetches = {{"jwks", 1}};
  cached.steps[0].max_fetches = {{"discovery", 2}};
  cached.steps[0].fetches = {{"discovery", 1}, {"jwks", 3}};
  VectorResult shared = Vector("shared", {"JWS-6"}, Outcome::kPass);
  shared.steps[0].max_fetches = {{"jwks", 1}};
  shared.steps[0].fetches = {{"jwks", 0}};
  shared.steps[0].fetches_per_step = true;
  run.vectors = {cached, shared};

  const std::string markdown = RunToMarkdown(run);

  EXPECT_NE(markdown.find("## Fetches\n"), std::string::npos);
  EXPECT_NE(markdown.find("| cache-once step 1 | jwks 1, discovery at most 2 "
                          "| discovery 1, jwks 3 | fail |\n"),
            std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("| jwks 0 (this step, shared issuer) |"),
            std::string::npos);
  EXPECT_NE(markdown.find("No request reached the canary."), std::string::npos);
}

TEST(MarkdownReport, CanaryHitsAreListedWithTheirRequestLine) {
  RunResult run = SampleRun();
  VectorResult hit = Vector("jku-canary", {"JWS-6"}, Outcome::kFail);
  hit.steps[0].canary_hits = {"GET /jku.json HTTP/1.1 from 127.0.0.1:9"};
  run.vectors = {hit};

  EXPECT_NE(RunToMarkdown(run).find("| jku-canary step 1 | GET /jku.json "
                                    "HTTP/1.1 from 127.0.0.1:9 |\n"),
            std::string::npos);
}

}  // namespace
}  // namespace jwtconf::harness
