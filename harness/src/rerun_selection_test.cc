#include "rerun_selection.h"

#include <gtest/gtest.h>

namespace jwtconf::harness {
namespace {

VectorSuite SuiteOf(const std::vector<std::string>& ids) {
  VectorSuite suite;
  for (const std::string& id : ids) {
    Vector vector;
    vector.id = id;
    suite.vectors.push_back(vector);
  }
  return suite;
}

RunResult RunWith(const std::vector<std::pair<std::string, Outcome>>& items) {
  RunResult run;
  for (const auto& [id, outcome] : items) {
    VectorResult vector;
    vector.id = id;
    vector.outcome = outcome;
    run.vectors.push_back(vector);
  }
  return run;
}

std::vector<std::string> Ids(const VectorSuite& suite) {
  std::vector<std::string> ids;
  for (const Vector& vector : suite.vectors) ids.push_back(vector.id);
  return ids;
}

TEST(KeepFailedVectors, KeepsFailErrorTimeoutAndCrashInSuiteOrder) {
  VectorSuite suite = SuiteOf({"a", "b", "c", "d", "e", "f", "g", "h"});
  RunResult previous = RunWith({{"h", Outcome::kCrash},
                                {"a", Outcome::kFail},
                                {"b", Outcome::kPass},
                                {"c", Outcome::kError},
                                {"d", Outcome::kWarn},
                                {"e", Outcome::kTimeout},
                                {"f", Outcome::kSkip},
                                {"g", Outcome::kAcceptable}});
  RerunSelection selection = KeepFailedVectors(suite, previous);
  EXPECT_EQ(Ids(suite), (std::vector<std::string>{"a", "c", "e", "h"}));
  EXPECT_EQ(selection.failed, 4u);
  EXPECT_TRUE(selection.missing.empty());
}

TEST(KeepFailedVectors, FailedIdsNoLongerInTheSuiteAreListed) {
  VectorSuite suite = SuiteOf({"a", "b"});
  RunResult previous =
      RunWith({{"a", Outcome::kFail}, {"gone", Outcome::kError}});
  RerunSelection selection = KeepFailedVectors(suite, previous);
  EXPECT_EQ(Ids(suite), (std::vector<std::string>{"a"}));
  EXPECT_EQ(selection.failed, 2u);
  EXPECT_EQ(selection.missing, (std::vector<std::string>{"gone"}));
}

TEST(KeepFailedVectors, NothingFailedLeavesNothingToRun) {
  VectorSuite suite = SuiteOf({"a"});
  RerunSelection selection =
      KeepFailedVectors(suite, RunWith({{"a", Outcome::kPass}}));
  EXPECT_TRUE(suite.vectors.empty());
  EXPECT_EQ(selection.failed, 0u);
}

}  // namespace
}  // namespace jwtconf::harness
