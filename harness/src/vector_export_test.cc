#include "vector_export.h"

#include <gtest/gtest.h>

#include <set>

#include "vector_loader.h"

namespace jwtconf::harness {
namespace {

using nlohmann::json;

Vector SingleToken() {
  Vector vector;
  vector.id = "single";
  vector.steps.push_back(Step{});
  return vector;
}

TEST(ExportSkipReasonTest, SingleTokenWithKeysOrExtraJwksIsExported) {
  Vector vector = SingleToken();
  EXPECT_EQ(ExportSkipReason(vector), "");
  vector.issuer = {{"keys", {"rsa"}}, {"extra_jwks", json::array()}};
  EXPECT_EQ(ExportSkipReason(vector), "");
}

TEST(ExportSkipReasonTest, StepsProfilesAndResponseOverridesAreSkipped) {
  Vector steps = SingleToken();
  steps.steps.push_back(Step{});
  EXPECT_EQ(ExportSkipReason(steps), "multi-step scenario");

  Vector profile = SingleToken();
  profile.verifier = {{"leeway", 0}};
  EXPECT_EQ(ExportSkipReason(profile), "changes the verifier profile");

  Vector faults = SingleToken();
  faults.issuer = {{"jwks", {{"status", 500}}}};
  EXPECT_NE(ExportSkipReason(faults).find("'jwks'"), std::string::npos);
}

// One export of the shipped vectors, shared: key generation is slow.
class ShippedExportTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    exported_ = new json(
        ExportVectors(LoadVectorSuite(JWTCONF_VECTORS_DIR), "test-version"));
  }
  static void TearDownTestSuite() { delete exported_; }
  static const json& exported() { return *exported_; }

 private:
  static json* exported_;
};

json* ShippedExportTest::exported_ = nullptr;

// The first test of the default group that must be accepted.
json& FirstValidTest(json& exported) {
  for (json& test : exported["testGroups"][0]["tests"]) {
    if (test["result"] == "valid") return test;
  }
  throw std::logic_error("no valid test in the default group");
}

// The failure lines of `check` that name `test`.
std::vector<std::string> FailuresOf(const ExportCheck& check,
                                    const json& test) {
  const std::string prefix = "tcId " + std::to_string(test["tcId"].get<int>()) +
                             " " + test["id"].get<std::string>() + ": ";
  std::vector<std::string> lines;
  for (const auto& failure : check.failures) {
    if (failure.starts_with(prefix))
      lines.push_back(failure.substr(prefix.size()));
  }
  return lines;
}

TEST_F(ShippedExportTest, EveryTestPassesTheReferenceVerifier) {
  ExportCheck check = RunExport(exported());
  std::string failures;
  for (const auto& failure : check.failures) failures += failure + "\n";
  EXPECT_EQ(check.failed, 0) << failures;
  EXPECT_EQ(check.passed, exported()["numberOfTests"].get<int>());
  EXPECT_GT(check.passed, 50);
}

TEST_F(ShippedExportTest, DefaultGroupFirstAndTcIdsNumberEveryTestOnce) {
  const json& groups = exported()["testGroups"];
  ASSERT_GT(groups.size(), 1u);
  EXPECT_EQ(groups[0]["issuer"], std::string(kExportOrigin) + "/suite");
  EXPECT_EQ(groups[0]["now"], 1767225600);
  EXPECT_EQ(groups[0]["leeway"], 60);
  std::set<int> tc_ids;
  for (const auto& group : groups) {
    for (const auto& test : group["tests"])
      tc_ids.insert(test["tcId"].get<int>());
  }
  EXPECT_EQ(tc_ids.size(), exported()["numberOfTests"].get<std::size_t>());
  EXPECT_EQ(*tc_ids.begin(), 1);
  EXPECT_EQ(*tc_ids.rbegin(), static_cast<int>(tc_ids.size()));
}

TEST_F(ShippedExportTest, EveryFlagIsExplainedInNotes) {
  for (const auto& group : exported()["testGroups"]) {
    for (const auto& test : group["tests"]) {
      for (const auto& flag : test["flags"]) {
        EXPECT_TRUE(exported()["notes"].contains(flag.get<std::string>()))
            << flag;
      }
    }
  }
}

TEST_F(ShippedExportTest, MultiStepVectorsAreListedAsSkippedWithReason) {
  bool found = false;
  for (const auto& skipped : exported()["skipped"]) {
    if (skipped["reason"] == "multi-step scenario") found = true;
  }
  EXPECT_TRUE(found);
}

TEST_F(ShippedExportTest, WrongExpectationIsReportedWithTcIdAndVectorId) {
  json changed = exported();
  json& test = FirstValidTest(changed);
  test["result"] = "invalid";
  test["reasons"] = json::array({"expired"});

  ExportCheck check = RunExport(changed);

  EXPECT_EQ(FailuresOf(check, test),
            std::vector<std::string>{"expected invalid (expired), got accept"});
}

TEST_F(ShippedExportTest, TamperedSignatureOfAValidTestFails) {
  json changed = exported();
  json& test = FirstValidTest(changed);
  std::string token = test["token"];
  // Inside the signature; the last character may carry unused bits.
  char& inside = token[token.size() - 10];
  inside = inside == 'A' ? 'B' : 'A';
  test["token"] = token;

  ExportCheck check = RunExport(changed);

  const auto failures = FailuresOf(check, test);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].find("expected valid, got reject (bad_signature)"), 0u)
      << failures[0];
}

TEST_F(ShippedExportTest, EmptiedGroupDoesNotPassAsComplete) {
  json changed = exported();
  changed["testGroups"][0]["tests"] = json::array();
  try {
    RunExport(changed);
    FAIL() << "no error";
  } catch (const ExportFormatError& e) {
    EXPECT_NE(std::string(e.what()).find("numberOfTests is"), std::string::npos)
        << e.what();
  }
}

TEST(RunExportTest, ExportWithoutTestsIsRefused) {
  try {
    RunExport(json{{"testGroups", json::array()}, {"numberOfTests", 0}});
    FAIL() << "no error";
  } catch (const ExportFormatError& e) {
    EXPECT_STREQ(e.what(), "export: holds no tests");
  }
}

TEST(RunExportTest, DocumentWithoutGroupsIsNotAnExport) {
  try {
    RunExport(json{{"algorithm", "x"}});
    FAIL() << "no error";
  } catch (const ExportFormatError& e) {
    EXPECT_STREQ(e.what(), "export: missing 'testGroups'");
  }
}

TEST(RunExportTest, GroupWithoutIssuerIsNamed) {
  json group = {{"audience", "a"},
                {"now", 1},
                {"leeway", 0},
                {"jwks", {{"keys", json::array()}}},
                {"tests", json::array()}};
  try {
    RunExport(json{{"testGroups", {group}}});
    FAIL() << "no error";
  } catch (const ExportFormatError& e) {
    EXPECT_STREQ(e.what(), "testGroups[0]: missing 'issuer'");
  }
}

}  // namespace
}  // namespace jwtconf::harness
