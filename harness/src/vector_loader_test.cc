#include "vector_loader.h"

#include <gtest/gtest.h>

#include <fstream>

namespace jwtconf::harness {
namespace {

namespace fs = std::filesystem;

const fs::path kShipped = JWTCONF_VECTORS_DIR;

// A vectors folder with the shipped keys and requirements and one file.
class VectorFolder {
 public:
  explicit VectorFolder(const std::string& vectors_yaml) {
    root_ =
        fs::temp_directory_path() /
        ("jwtconf_loader_" +
         std::string(
             testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "group");
    fs::copy_file(kShipped / "keys.yaml", root_ / "keys.yaml");
    fs::copy_file(kShipped / "requirements.yaml", root_ / "requirements.yaml");
    std::ofstream(root_ / "group" / "cases.yaml") << vectors_yaml;
  }
  ~VectorFolder() { fs::remove_all(root_); }
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
};

std::string LoadError(const std::string& vectors_yaml) {
  VectorFolder folder(vectors_yaml);
  try {
    LoadVectorSuite(folder.root());
  } catch (const VectorError& e) {
    return e.what();
  }
  return "";
}

constexpr char kGood[] = R"(vectors:
  - id: good-one
    title: a good token
    category: good
    requirements: [HTTP-6]
    rationale: nothing is wrong with it
    token: {}
    expect: accept
)";

TEST(LoadVectorSuite, LoadsAWellFormedVector) {
  VectorFolder folder(kGood);
  VectorSuite suite = LoadVectorSuite(folder.root());
  ASSERT_EQ(suite.vectors.size(), 1u);
  EXPECT_EQ(suite.vectors[0].id, "good-one");
  EXPECT_EQ(suite.vectors[0].file, "group/cases.yaml");
  ASSERT_EQ(suite.vectors[0].steps.size(), 1u);
  EXPECT_EQ(suite.vectors[0].steps[0].expect, Verdict::kAccept);
  EXPECT_TRUE(suite.vectors[0].UsesDefaultIssuer());
  EXPECT_EQ(suite.requirements.at("JWKS-9").level, "SHOULD");
}

TEST(LoadVectorSuite, UnknownFieldNamesFileVectorAndField) {
  std::string error = LoadError(std::string(kGood) + "    colour: blue\n");
  EXPECT_NE(error.find("group/cases.yaml: vector 'good-one': field 'colour'"),
            std::string::npos)
      << error;
}

TEST(LoadVectorSuite, MissingVerdictIsNamed) {
  std::string text = kGood;
  text.erase(text.find("    expect: accept\n"));
  std::string error = LoadError(text);
  EXPECT_NE(error.find("field 'expect': missing"), std::string::npos) << error;
}

TEST(LoadVectorSuite, RejectWithoutReasonIsRefused) {
  std::string text = kGood;
  text.replace(text.find("expect: accept"), 14, "expect: reject");
  EXPECT_NE(LoadError(text).find("field 'reason'"), std::string::npos);
}

TEST(LoadVectorSuite, UnknownReasonCodeIsRefused) {
  std::string text = kGood;
  text.replace(text.find("expect: accept"), 14,
               "expect: reject\n    reason: too_shiny");
  EXPECT_NE(LoadError(text).find("unknown reason code 'too_shiny'"),
            std::string::npos);
}

TEST(LoadVectorSuite, UnknownRequirementIsRefused) {
  std::string text = kGood;
  text.replace(text.find("HTTP-6"), 6, "HTTP-99");
  EXPECT_NE(LoadError(text).find("unknown requirement 'HTTP-99'"),
            std::string::npos);
}

TEST(LoadVectorSuite, UnknownKeyNameIsRefused) {
  std::string text = kGood;
  text.replace(text.find("token: {}"), 9, "token: {key: nope}");
  EXPECT_NE(LoadError(text).find("field 'token.key': unknown key 'nope'"),
            std::string::npos);
}

TEST(LoadVectorSuite, DuplicateIdIsRefused) {
  std::string text = std::string(kGood) + std::string(kGood).substr(9);
  EXPECT_NE(LoadError(text).find("duplicate id"), std::string::npos);
}

TEST(LoadVectorSuite, BrokenYamlNamesFileAndLine) {
  std::string error = LoadError("vectors:\n  - id: [unclosed\n");
  EXPECT_NE(error.find("group/cases.yaml:"), std::string::npos) << error;
}

TEST(LoadVectorSuite, MissingFolderIsAnError) {
  EXPECT_THROW(LoadVectorSuite("/nonexistent/jwtconf/vectors"), VectorError);
}

TEST(LoadVectorSuite, TlsListenersAreChecked) {
  std::string text = kGood;
  const std::size_t token = text.find("    token: {}");
  std::string good = text;
  good.insert(token, "    issuer: {tls: {issuer: wrong_host, jwks: http}}\n");
  std::string http_issuer = text;
  http_issuer.insert(token, "    issuer: {tls: {issuer: http}}\n");
  std::string unknown = text;
  unknown.insert(token, "    issuer: {tls: {keys: default}}\n");

  EXPECT_EQ(LoadError(good), "");
  EXPECT_NE(LoadError(http_issuer)
                .find("field 'issuer.tls.issuer': 'http' is not one of"),
            std::string::npos)
      << LoadError(http_issuer);
  EXPECT_NE(LoadError(unknown).find("field 'issuer.tls.keys': unknown field"),
            std::string::npos)
      << LoadError(unknown);
}

TEST(LoadVectorSuite, ShippedVectorsLoadAndCoverTheCategories) {
  VectorSuite suite = LoadVectorSuite(kShipped);
  EXPECT_GE(suite.vectors.size(), 60u);
  std::set<std::string> categories;
  for (const Vector& vector : suite.vectors) categories.insert(vector.category);
  for (const char* needed : {"good", "malformed", "expired", "rotated",
                             "algorithm-confusion", "discovery", "jwks"}) {
    EXPECT_TRUE(categories.contains(needed)) << needed;
  }
}

}  // namespace
}  // namespace jwtconf::harness
