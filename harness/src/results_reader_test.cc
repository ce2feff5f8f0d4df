#include "results_reader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "atomic_file.h"
#include "json_report.h"

namespace jwtconf::harness {
namespace {

// One vector per outcome, a multi-step vector with fetch counts, and text
// that needs escaping in JSON.
RunResult EveryOutcomeRun() {
  RunResult run;
  run.tool_version = "0.1.0";
  run.target = "node \"server.mjs\" --port {port}";
  run.vectors_dir = "vectors";
  run.started_at = "2026-01-01T00:00:00Z";
  run.finished_at = "2026-01-01T00:00:07Z";
  run.partial = true;
  run.shard = "2/3";
  for (Outcome outcome : kAllOutcomes) {
    VectorResult vector;
    vector.id = "vector-" + std::string(OutcomeName(outcome));
    vector.title = "title <é>";
    vector.category = "keys";
    vector.file = "keys/x.yaml";
    vector.requirements = {"JWKS-10", "JWKS-2"};
    vector.level = "MUST";
    vector.rationale = "line one\nline two";
    vector.outcome = outcome;
    vector.duration = std::chrono::microseconds(1234);
    StepResult step;
    step.expected = Verdict::kReject;
    step.expected_reasons = {"unknown_kid", "no_suitable_key"};
    step.observed = Verdict::kAccept;
    step.observed_reason = "ok";
    step.detail = "HTTP/1.1 200 OK";
    step.http_status = 200;
    step.fetches = {{"discovery", 1}, {"jwks", 3}};
    step.expected_fetches = {{"jwks", 2}};
    step.max_fetches = {{"jwks", 4}};
    step.outcome = outcome;
    StepResult unrun;
    unrun.expected = Verdict::kAcceptable;
    unrun.outcome = Outcome::kSkip;
    vector.steps = {step, unrun};
    run.vectors.push_back(vector);
  }
  return run;
}

TEST(ResultsReader, RoundTripKeepsEveryFieldOfEveryOutcome) {
  RunResult original = EveryOutcomeRun();

  RunResult read = ReadRunResult(RunToJson(original));

  EXPECT_EQ(RunToJson(read), RunToJson(original));
  ASSERT_EQ(read.vectors.size(), kAllOutcomes.size());
  EXPECT_EQ(read.shard, "2/3");
  EXPECT_TRUE(read.partial);
  const VectorResult& last = read.vectors.back();
  EXPECT_EQ(last.outcome, kAllOutcomes.back());
  EXPECT_EQ(last.duration, std::chrono::microseconds(1234));
  ASSERT_EQ(last.steps.size(), 2u);
  EXPECT_EQ(last.steps[0].observed, Verdict::kAccept);
  EXPECT_EQ(last.steps[0].max_fetches.at("jwks"), 4);
  EXPECT_FALSE(last.steps[1].observed.has_value());
}

TEST(ResultsReader, EveryNameReadsBackToItsValue) {
  for (Outcome outcome : kAllOutcomes) {
    EXPECT_EQ(OutcomeFromName(OutcomeName(outcome)), outcome);
  }
  for (Verdict verdict : kAllVerdicts) {
    EXPECT_EQ(VerdictFromName(VerdictName(verdict)), verdict);
  }
  EXPECT_FALSE(OutcomeFromName("flaky").has_value());
  EXPECT_FALSE(VerdictFromName("").has_value());
}

TEST(ResultsReader, MissingShardReadsAsUnsharded) {
  nlohmann::json document = RunToJson(EveryOutcomeRun());
  document.erase("shard");

  EXPECT_EQ(ReadRunResult(document).shard, "");
}

// The message of the ResultsError `read` throws, or "" if none.
template <typename Read>
std::string ErrorOf(Read read) {
  try {
    read();
  } catch (const ResultsError& e) {
    return e.what();
  }
  return "";
}

TEST(ResultsReader, AnotherFormatIsRefused) {
  nlohmann::json document = RunToJson(EveryOutcomeRun());
  document["format"] = "jwtconf-results/2";

  EXPECT_EQ(ErrorOf([&] { ReadRunResult(document); }),
            "not a jwtconf-results/1 document");
}

TEST(ResultsReader, UnknownOutcomeNamesVectorAndName) {
  nlohmann::json document = RunToJson(EveryOutcomeRun());
  document["results"][1]["outcome"] = "flaky";

  EXPECT_EQ(ErrorOf([&] { ReadRunResult(document); }),
            "results[1] (vector-fail): outcome: unknown outcome 'flaky'");
}

TEST(ResultsReader, UnknownStepVerdictNamesTheStep) {
  nlohmann::json document = RunToJson(EveryOutcomeRun());
  document["results"][0]["steps"][1]["expected"]["verdict"] = "maybe";

  EXPECT_EQ(ErrorOf([&] { ReadRunResult(document); }),
            "results[0] (vector-pass): steps[1]: verdict: unknown verdict "
            "'maybe'");
}

TEST(ResultsReader, MissingMemberNamesTheVector) {
  nlohmann::json document = RunToJson(EveryOutcomeRun());
  document["results"][2].erase("steps");

  std::string error = ErrorOf([&] { ReadRunResult(document); });

  EXPECT_NE(error.find("results[2] (vector-warn): "), std::string::npos)
      << error;
  EXPECT_NE(error.find("steps"), std::string::npos) << error;
}

TEST(ResultsReader, FileErrorsStartWithThePath) {
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) / "results_reader_test";
  WriteFileAtomically(dir / "garbage.json", "{not json");
  WriteFileAtomically(dir / "other.json", R"({"format": "x"})");

  EXPECT_EQ(ErrorOf([&] { ReadRunResultFile(dir / "missing.json"); }),
            (dir / "missing.json").string() + ": cannot open");
  EXPECT_EQ(ErrorOf([&] { ReadRunResultFile(dir / "garbage.json"); }),
            (dir / "garbage.json").string() + ": not valid JSON");
  EXPECT_EQ(
      ErrorOf([&] { ReadRunResultFile(dir / "other.json"); }),
      (dir / "other.json").string() + ": not a jwtconf-results/1 document");
}

TEST(ResultsReader, FileRoundTrip) {
  const std::filesystem::path path = std::filesystem::path(testing::TempDir()) /
                                     "results_reader_test" / "results.json";
  RunResult original = EveryOutcomeRun();
  WriteFileAtomically(path, RunToJsonText(original));

  EXPECT_EQ(RunToJson(ReadRunResultFile(path)), RunToJson(original));
}

}  // namespace
}  // namespace jwtconf::harness
