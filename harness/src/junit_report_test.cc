#include "junit_report.h"

#include <gtest/gtest.h>

namespace jwtconf::harness {
namespace {

VectorResult Vector(std::string id, Outcome outcome) {
  VectorResult vector;
  vector.id = std::move(id);
  vector.title = "a token";
  vector.category = "claims";
  vector.requirements = {"JWT-2"};
  vector.level = "MUST";
  vector.rationale = "iss must match";
  vector.outcome = outcome;
  vector.duration = std::chrono::microseconds(2500);
  StepResult step;
  step.expected = Verdict::kReject;
  step.expected_reasons = {"issuer_mismatch"};
  step.observed = Verdict::kReject;
  step.observed_reason = "issuer_mismatch";
  step.outcome = outcome;
  vector.steps = {step};
  return vector;
}

RunResult SampleRun() {
  RunResult run;
  run.tool_version = "0.1.0";
  run.target = "http://127.0.0.1:8080/";
  run.started_at = "2026-01-01T00:00:00Z";

  VectorResult failed = Vector("iss-different", Outcome::kFail);
  failed.steps[0].observed = Verdict::kAccept;
  failed.steps[0].observed_reason = "";
  failed.steps[0].detail = "server said <&\"'> \x01 done";
  VectorResult skipped = Vector("exp-61s-ago", Outcome::kSkip);
  skipped.skip_reason = "needs fixed_clock & a <clock>";
  VectorResult errored = Vector("jwks-hang", Outcome::kError);
  errored.steps[0].observed.reset();
  errored.steps[0].detail = "connection refused";
  VectorResult warned = Vector("iat-future", Outcome::kWarn);
  warned.level = "SHOULD";
  VectorResult acceptable = Vector("crit-empty", Outcome::kAcceptable);

  run.vectors = {Vector("good-rs256", Outcome::kPass),
                 failed,
                 skipped,
                 errored,
                 warned,
                 acceptable};
  return run;
}

int Count(const std::string& text, const std::string& part) {
  int count = 0;
  for (auto at = text.find(part); at != std::string::npos;
       at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

TEST(JunitReport, SuiteCountsEveryOutcome) {
  std::string xml = RunToJunitXml(SampleRun());

  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
  EXPECT_NE(xml.find("<testsuite name=\"jwtconf\" tests=\"6\" failures=\"1\" "
                     "errors=\"1\" skipped=\"1\" time=\"0.015\""),
            std::string::npos)
      << xml;
  EXPECT_EQ(Count(xml, "<testcase "), 6);
  EXPECT_EQ(Count(xml, "<failure "), 1);
  EXPECT_EQ(Count(xml, "<error "), 1);
  EXPECT_EQ(Count(xml, "<skipped "), 1);
  EXPECT_EQ(Count(xml, "<system-out>"), 2);
}

TEST(JunitReport, TimeoutAndCrashAreErrorsOfTheirOwnType) {
  RunResult run = SampleRun();
  VectorResult timed_out = Vector("drip", Outcome::kTimeout);
  timed_out.steps[0].observed.reset();
  timed_out.steps[0].detail = "no complete answer within 500 ms";
  VectorResult crashed = Vector("die", Outcome::kCrash);
  crashed.steps[0].observed.reset();
  crashed.steps[0].detail = "target killed by signal 9 during the step";
  run.vectors.push_back(timed_out);
  run.vectors.push_back(crashed);
  std::string xml = RunToJunitXml(run);

  EXPECT_NE(xml.find("tests=\"8\" failures=\"1\" errors=\"3\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<error message=\"no complete answer within 500 ms\" "
                     "type=\"timeout\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<error message=\"target killed by signal 9 during the "
                     "step\" type=\"crash\">"),
            std::string::npos);
}

TEST(JunitReport, TestCaseUsesCategoryAndId) {
  std::string xml = RunToJunitXml(SampleRun());

  EXPECT_NE(xml.find("<testcase classname=\"claims\" name=\"good-rs256\" "
                     "time=\"0.003\"/>"),
            std::string::npos)
      << xml;
}

TEST(JunitReport, FailureMessageNamesExpectedAndObserved) {
  std::string xml = RunToJunitXml(SampleRun());

  EXPECT_NE(xml.find("<failure message=\"expected reject (issuer_mismatch), "
                     "observed accept\" type=\"wrong_verdict\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<error message=\"connection refused\""),
            std::string::npos);
  EXPECT_NE(xml.find("warning: SHOULD not met"), std::string::npos);
  EXPECT_NE(xml.find("acceptable: the specifications allow either verdict"),
            std::string::npos);
}

TEST(JunitReport, EscapesMarkupAndReplacesControlCharacters) {
  std::string xml = RunToJunitXml(SampleRun());

  EXPECT_NE(xml.find("server said &lt;&amp;&quot;&apos;&gt; \xEF\xBF\xBD done"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<skipped message=\"needs fixed_clock &amp; a "
                     "&lt;clock&gt;\"/>"),
            std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(EscapeXml, ReplacesWhatXml10Forbids) {
  EXPECT_EQ(EscapeXml("a\tb\nc"), "a&#9;b&#10;c");
  EXPECT_EQ(EscapeXml(std::string("\0", 1)), "\xEF\xBF\xBD");
  EXPECT_EQ(EscapeXml("\x1b[0m"), "\xEF\xBF\xBD[0m");
  EXPECT_EQ(EscapeXml("\xEF\xBF\xBE"), "\xEF\xBF\xBD");  // U+FFFE
  EXPECT_EQ(EscapeXml("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(EscapeXml("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  EXPECT_EQ(EscapeXml("caf\xC3\xA9 \xF0\x9F\x94\x91"),
            "caf\xC3\xA9 \xF0\x9F\x94\x91");
}

}  // namespace
}  // namespace jwtconf::harness
