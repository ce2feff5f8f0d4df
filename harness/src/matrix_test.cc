#include "matrix.h"

#include <gtest/gtest.h>

#include "matrix_markdown.h"
#include "matrix_test_runs.h"

namespace jwtconf::harness {
namespace {

using namespace testing_runs;

constexpr auto kAccept = Verdict::kAccept;
constexpr auto kReject = Verdict::kReject;

TEST(MatrixScore, AcceptableCountsAsPassAndSkipsAreNotTested) {
  RunResult run = RunOf(
      "t", {OneStep("a", "JWT-4", kReject, kReject, Outcome::kPass),
            OneStep("b", "JWT-4", kReject, kAccept, Outcome::kAcceptable),
            OneStep("c", "JWT-4", kReject, kAccept, Outcome::kFail),
            OneStep("d", "JWT-4", kReject, kAccept, Outcome::kWarn),
            OneStep("e", "JWT-4", kReject, std::nullopt, Outcome::kTimeout),
            OneStep("f", "JWT-4", kReject, std::nullopt, Outcome::kSkip)});

  Score score = ScoreOf(run);

  EXPECT_EQ(score.passed, 2);
  EXPECT_EQ(score.tested, 5);
  ASSERT_TRUE(score.value.has_value());
  EXPECT_DOUBLE_EQ(*score.value, 0.4);
}

TEST(MatrixScore, NothingTestedHasNoValue) {
  RunResult run = RunOf(
      "t", {OneStep("f", "JWT-4", kReject, std::nullopt, Outcome::kSkip)});

  EXPECT_FALSE(ScoreOf(run).value.has_value());
  EXPECT_FALSE(ScoreOf(RunOf("t", {})).value.has_value());
}

TEST(MatrixRows, UnionOfVectorsSortedByRequirementThenId) {
  Matrix matrix;
  matrix.implementations = {
      Available(
          "reference",
          RunOf("r",
                {OneStep("z", "JWS-10", kReject, kReject, Outcome::kPass),
                 OneStep("y", "JWS-9", kReject, kReject, Outcome::kPass)})),
      Available(
          "other",
          RunOf("o",
                {OneStep("x", "DISC-1", kReject, kReject, Outcome::kPass),
                 OneStep("z", "JWS-10", kReject, kAccept, Outcome::kFail)}))};

  std::vector<MatrixRow> rows = MatrixRows(matrix);

  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].vector->id, "x");
  EXPECT_EQ(rows[1].vector->id, "y");
  EXPECT_EQ(rows[2].vector->id, "z");
  EXPECT_EQ(rows[0].results[0], nullptr);
  EXPECT_EQ(rows[1].results[1], nullptr);
  EXPECT_EQ(rows[2].results[1]->outcome, Outcome::kFail);
}

// Reference plus third parties, each vector given per implementation as
// an observed verdict (nullopt: no verdict).
Matrix Voting(std::optional<Verdict> reference,
              std::vector<std::optional<Verdict>> others) {
  Matrix matrix;
  matrix.implementations.push_back(Available(
      kReferenceName,
      RunOf("ref", {OneStep("v", "JWT-4", kReject, reference,
                            reference ? Outcome::kPass : Outcome::kSkip)})));
  for (std::size_t i = 0; i < others.size(); ++i) {
    const Outcome outcome = !others[i]             ? Outcome::kError
                            : others[i] == kReject ? Outcome::kPass
                                                   : Outcome::kFail;
    matrix.implementations.push_back(
        Available("impl" + std::to_string(i),
                  RunOf("t" + std::to_string(i),
                        {OneStep("v", "JWT-4", kReject, others[i], outcome)})));
  }
  return matrix;
}

TEST(Disagreements, StrictMajorityAgainstTheReferenceIsListed) {
  const Matrix matrix = Voting(kReject, {kAccept, kAccept, kReject});

  std::vector<Disagreement> found = FindDisagreements(matrix);

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].vector->id, "v");
  EXPECT_EQ(found[0].reference_verdict, "reject");
  EXPECT_EQ(found[0].majority_verdict, "accept");
  EXPECT_EQ(found[0].majority_count, 2);
  EXPECT_EQ(found[0].voters, 3);
  EXPECT_EQ(found[0].agreeing, (std::vector<std::string>{"impl0", "impl1"}));
  EXPECT_EQ(found[0].with_reference, (std::vector<std::string>{"impl2"}));
}

TEST(Disagreements, TieIsNoMajority) {
  EXPECT_TRUE(FindDisagreements(Voting(kReject, {kAccept, kReject})).empty());
}

TEST(Disagreements, MajorityWithTheReferenceIsNone) {
  EXPECT_TRUE(
      FindDisagreements(Voting(kReject, {kReject, kReject, kAccept})).empty());
}

TEST(Disagreements, ImplementationsWithoutVerdictDoNotVote) {
  // One verdict among three third parties: a majority of one.
  const Matrix matrix = Voting(kReject, {kAccept, std::nullopt, std::nullopt});

  std::vector<Disagreement> found = FindDisagreements(matrix);

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].voters, 1);
}

TEST(Disagreements, NoReferenceVerdictOrNoReferenceIsNone) {
  EXPECT_TRUE(
      FindDisagreements(Voting(std::nullopt, {kAccept, kAccept})).empty());
  Matrix matrix = Voting(kReject, {kAccept, kAccept});
  matrix.implementations.erase(matrix.implementations.begin());
  EXPECT_TRUE(FindDisagreements(matrix).empty());
}

TEST(Disagreements, MultiStepVerdictsCompareAsSequences) {
  VectorResult reference =
      OneStep("v", "JWKS-10", kAccept, kAccept, Outcome::kPass);
  reference.steps.push_back(reference.steps[0]);
  VectorResult other = reference;
  other.steps[1].observed = kReject;
  Matrix matrix;
  matrix.implementations = {Available(kReferenceName, RunOf("r", {reference})),
                            Available("a", RunOf("a", {other}))};

  std::vector<Disagreement> found = FindDisagreements(matrix);

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].reference_verdict, "accept,accept");
  EXPECT_EQ(found[0].majority_verdict, "accept,reject");
}

TEST(MatrixJson, ImplementationsVectorsAndUnavailable) {
  Matrix matrix = Voting(kReject, {kAccept});
  matrix.tool_version = "0.1.0";
  Implementation missing;
  missing.name = "python-jwt";
  missing.availability = Availability::kUnavailable;
  missing.reason = "python3: No module named 'jwt'";
  matrix.implementations.push_back(missing);

  nlohmann::json document = MatrixToJson(matrix);

  EXPECT_EQ(document["format"], "jwtconf-matrix/1");
  ASSERT_EQ(document["implementations"].size(), 3u);
  EXPECT_EQ(document["implementations"][1]["summary"]["fail"], 1);
  EXPECT_EQ(document["implementations"][1]["score"]["value"], 0.0);
  EXPECT_EQ(document["implementations"][2]["availability"], "unavailable");
  EXPECT_TRUE(document["implementations"][2]["score"].is_null());
  const nlohmann::json& vector = document["vectors"][0];
  EXPECT_EQ(vector["expected"][0]["verdict"], "reject");
  EXPECT_EQ(vector["results"]["impl0"]["steps"][0]["observed"], "accept");
  EXPECT_FALSE(vector["results"].contains("python-jwt"));
  EXPECT_EQ(document["outcomes"].size(), kAllOutcomes.size());
}

TEST(MatrixMarkdown, ListsOnlyDifferingVectorsAndFindings) {
  Matrix matrix;
  matrix.implementations = {
      Available(kReferenceName, RunOf("r", {OneStep("same", "JWT-4", kReject,
                                                    kReject, Outcome::kPass),
                                            OneStep("differs", "JWS-2", kReject,
                                                    kReject, Outcome::kPass)})),
      Available("lib|x", RunOf("o", {OneStep("same", "JWT-4", kReject, kReject,
                                             Outcome::kPass),
                                     OneStep("differs", "JWS-2", kReject,
                                             kAccept, Outcome::kFail)}))};

  std::string text = MatrixToMarkdown(matrix);

  EXPECT_NE(text.find("Only the 1 of 2 vectors"), std::string::npos) << text;
  EXPECT_NE(text.find("### JWS\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("| same |"), std::string::npos) << text;
  EXPECT_NE(text.find("| differs | JWS-2 | reject | pass | fail |"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- fail differs [JWS-2]: expected reject (expired), "
                      "observed accept"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("lib\\|x"), std::string::npos) << text;
}

TEST(MatrixMarkdown, DisagreementTableNamesBothSides) {
  Matrix matrix = Voting(kReject, {kAccept, kAccept, kReject});

  std::string text = DisagreementsToMarkdown(matrix, FindDisagreements(matrix));

  EXPECT_NE(text.find("## On vectors with one expected verdict\n\n| vector"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("| v | JWT-4 | reject | reject | accept (2 of 3) | "
                      "impl0, impl1 | impl2 |"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("either verdict is acceptable\n\nNone."),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace jwtconf::harness
