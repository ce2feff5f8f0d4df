#include "json_report.h"

#include <gtest/gtest.h>

namespace jwtconf::harness {
namespace {

RunResult SampleRun() {
  RunResult run;
  run.tool_version = "0.1.0";
  run.target = "reference (in-process)";
  run.vectors_dir = "vectors";
  run.started_at = "2026-01-01T00:00:00Z";
  run.finished_at = "2026-01-01T00:00:07Z";
  run.partial = true;

  VectorResult rotated;
  rotated.id = "rotated-new-key";
  rotated.title = "new key published before use";
  rotated.category = "rotated";
  rotated.file = "rotated/rotation.yaml";
  rotated.requirements = {"JWKS-10", "JWKS-2"};
  rotated.level = "MUST";
  rotated.rationale = "unknown kid refetches the set";
  rotated.outcome = Outcome::kFail;
  rotated.duration = std::chrono::microseconds(1234);
  StepResult first;
  first.fetches = {{"jwks", 1}};
  first.expected_fetches = {{"jwks", 1}};
  StepResult second;
  second.expected = Verdict::kReject;
  second.expected_reasons = {"unknown_kid", "no_suitable_key"};
  second.observed = Verdict::kAccept;
  second.detail = "HTTP/1.1 200 OK";
  second.http_status = 200;
  second.fetches = {{"discovery", 1}, {"jwks", 3}};
  second.expected_fetches = {{"jwks", 2}};
  second.outcome = Outcome::kFail;
  rotated.steps = {first, second};

  VectorResult skipped;
  skipped.id = "exp-61s-ago";
  skipped.category = "expired";
  skipped.requirements = {"JWT-4"};
  skipped.outcome = Outcome::kSkip;
  skipped.skip_reason = "needs fixed_clock";
  StepResult unrun;
  unrun.expected = Verdict::kReject;
  unrun.expected_reasons = {"expired"};
  unrun.outcome = Outcome::kSkip;
  skipped.steps = {unrun};

  run.vectors = {rotated, skipped};
  return run;
}

TEST(JsonReport, WritesFormatSummaryAndObservedVerdicts) {
  nlohmann::json document = RunToJson(SampleRun());

  EXPECT_EQ(document["format"], "jwtconf-results/1");
  EXPECT_EQ(document["partial"], true);
  EXPECT_EQ(document["summary"]["total"], 2);
  EXPECT_EQ(document["summary"]["failed"], 1);
  EXPECT_EQ(document["summary"]["skipped"], 1);
  EXPECT_EQ(document["summary"]["timeouts"], 0);
  EXPECT_EQ(document["summary"]["crashes"], 0);
  const nlohmann::json& result = document["results"][0];
  EXPECT_EQ(result["outcome"], "fail");
  EXPECT_DOUBLE_EQ(result["duration_ms"].get<double>(), 1.234);
  EXPECT_EQ(result["steps"][1]["expected"]["verdict"], "reject");
  EXPECT_EQ(result["steps"][1]["observed"]["verdict"], "accept");
  EXPECT_EQ(result["steps"][1]["fetches"]["jwks"], 3);
  EXPECT_TRUE(
      document["results"][1]["steps"][0]["observed"]["verdict"].is_null());
}

TEST(JsonReport, TextReplacesInvalidUtf8InsteadOfThrowing) {
  RunResult run = SampleRun();
  run.vectors[0].steps[1].detail = "bad \xff byte";

  std::string text = RunToJsonText(run);

  EXPECT_NE(text.find("bad \xEF\xBF\xBD byte"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(text)["format"], "jwtconf-results/1");
}

}  // namespace
}  // namespace jwtconf::harness
