#include "coverage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace jwtconf::harness {
namespace {

Step StepExpecting(Verdict verdict) {
  Step step;
  step.expect = verdict;
  if (verdict == Verdict::kReject) step.reasons = {"expired"};
  return step;
}

Vector VectorFor(std::vector<std::string> requirements,
                 std::vector<Verdict> verdicts) {
  Vector vector;
  vector.id = "v" + std::to_string(verdicts.size());
  vector.requirements = std::move(requirements);
  for (Verdict verdict : verdicts)
    vector.steps.push_back(StepExpecting(verdict));
  return vector;
}

VectorSuite SuiteWithRequirements(
    const std::vector<std::pair<std::string, std::string>>& levels) {
  VectorSuite suite;
  for (const auto& [id, level] : levels)
    suite.requirements[id] = {id, level, ""};
  return suite;
}

const RequirementCoverage& RowOf(const CoverageReport& report,
                                 const std::string& id) {
  for (const auto& row : report.requirements) {
    if (row.id == id) return row;
  }
  throw std::out_of_range(id);
}

TEST(CatalogueOrderTest, GroupsInCatalogueOrderThenNumbersNumerically) {
  std::vector<std::string> ids = {"ROB-1",  "JWT-10",  "JWT-2",
                                  "JWS-1",  "JWKS-10", "JWKS-2",
                                  "DISC-1", "HTTP-8",  "HTTP-1"};
  std::sort(ids.begin(), ids.end(),
            [](const auto& a, const auto& b) { return CatalogueOrder(a, b); });
  EXPECT_EQ(ids, (std::vector<std::string>{"HTTP-1", "HTTP-8", "DISC-1",
                                           "JWKS-2", "JWKS-10", "JWS-1",
                                           "JWT-2", "JWT-10", "ROB-1"}));
}

TEST(ComputeCoverageTest, CountsVectorsByAnyListedRequirementAndVerdict) {
  VectorSuite suite =
      SuiteWithRequirements({{"JWT-4", "MUST"}, {"JWT-10", "SHOULD"}});
  suite.vectors.push_back(VectorFor({"JWT-4"}, {Verdict::kReject}));
  suite.vectors.push_back(
      VectorFor({"JWT-10", "JWT-4"}, {Verdict::kAccept, Verdict::kReject}));
  suite.vectors.push_back(VectorFor({"JWT-10"}, {Verdict::kAcceptable}));

  CoverageReport report = ComputeCoverage(suite);

  const auto& must = RowOf(report, "JWT-4");
  EXPECT_EQ(must.vectors, 2);
  EXPECT_EQ(must.accept, 1);
  EXPECT_EQ(must.reject, 2);
  EXPECT_EQ(must.acceptable, 0);
  const auto& should = RowOf(report, "JWT-10");
  EXPECT_EQ(should.vectors, 2);
  EXPECT_EQ(should.acceptable, 1);
  EXPECT_EQ(report.vector_count, 3);
  EXPECT_TRUE(report.complete());
}

TEST(ComputeCoverageTest, MustWithoutVectorsOrRejectVectorsIsAGap) {
  VectorSuite suite = SuiteWithRequirements(
      {{"HTTP-2", "MUST"}, {"JWT-3", "MUST"}, {"JWT-8", "MAY"}});
  suite.vectors.push_back(VectorFor({"JWT-3"}, {Verdict::kAccept}));

  CoverageReport report = ComputeCoverage(suite);

  EXPECT_FALSE(report.complete());
  EXPECT_EQ(report.must_without_vectors, std::vector<std::string>{"HTTP-2"});
  EXPECT_EQ(report.must_without_reject, std::vector<std::string>{"JWT-3"});
  EXPECT_NE(CoverageSummary(report).find("MUST without vectors: HTTP-2"),
            std::string::npos);
}

TEST(ComputeCoverageTest, AcceptOnlyRequirementsNeedAnAcceptVector) {
  VectorSuite suite =
      SuiteWithRequirements({{"HTTP-6", "MUST"}, {"JWS-11", "MUST"}});
  suite.vectors.push_back(VectorFor({"HTTP-6"}, {Verdict::kAccept}));
  suite.vectors.push_back(VectorFor({"JWS-11"}, {Verdict::kReject}));

  CoverageReport report = ComputeCoverage(suite);

  EXPECT_TRUE(report.must_without_reject.empty());
  EXPECT_EQ(report.must_without_accept, std::vector<std::string>{"JWS-11"});
}

TEST(CoverageRenderingTest, TextMarkdownAndJsonCarryTheSameRows) {
  VectorSuite suite = SuiteWithRequirements({{"JWT-4", "MUST"}});
  suite.vectors.push_back(VectorFor({"JWT-4"}, {Verdict::kReject}));
  CoverageReport report = ComputeCoverage(suite);

  EXPECT_NE(CoverageToText(report).find("JWT-4        MUST          1       0  "
                                        "     1           0"),
            std::string::npos);
  EXPECT_NE(CoverageToMarkdown(report).find("| JWT-4 | MUST | 1 | 0 | 1 | 0 |"),
            std::string::npos);
  const auto json = CoverageToJson(report);
  EXPECT_EQ(json["requirements"][0]["reject"], 1);
  EXPECT_EQ(json["complete"], true);
}

}  // namespace
}  // namespace jwtconf::harness
