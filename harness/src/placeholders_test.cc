#include "placeholders.h"

#include <gtest/gtest.h>

namespace jwtconf::harness {
namespace {

const PlaceholderValues kValues{"http://127.0.0.1:1/v", "aud", "http://j",
                                1000};

TEST(SubstituteText, ReplacesEveryPlaceholder) {
  EXPECT_EQ(
      SubstituteText("${issuer}/ and ${audience} at ${jwks_uri}", kValues),
      "http://127.0.0.1:1/v/ and aud at http://j");
  EXPECT_EQ(SubstituteText(R"({"exp":${now+60},"nbf":${now-5}})", kValues),
            R"({"exp":1060,"nbf":995})");
}

TEST(SubstituteText, UnknownPlaceholderIsAnError) {
  EXPECT_THROW(SubstituteText("${nope}", kValues), std::runtime_error);
}

TEST(SubstituteText, CanaryOriginsAreKnownOnlyWhenSet) {
  PlaceholderValues values = kValues;
  EXPECT_THROW(SubstituteText("${canary}/x", values), std::runtime_error);
  values.canary = "https://127.0.0.1:7";
  values.canary_http = "http://127.0.0.1:8";
  EXPECT_EQ(SubstituteText("${canary}/x ${canary_http}/y", values),
            "https://127.0.0.1:7/x http://127.0.0.1:8/y");
  EXPECT_NO_THROW(CheckPlaceholders("${canary}${canary_http}"));
}

TEST(SubstituteJson, ExactTimePlaceholderBecomesNumber) {
  auto value = SubstituteJson({{"exp", "${now+600}"},
                               {"nbf", "${now-0.5}"},
                               {"iat", "${now}"},
                               {"note", "at ${now}"}},
                              kValues);
  EXPECT_EQ(value["exp"], 1600);
  EXPECT_TRUE(value["exp"].is_number_integer());
  EXPECT_DOUBLE_EQ(value["nbf"].get<double>(), 999.5);
  EXPECT_EQ(value["iat"], 1000);
  EXPECT_EQ(value["note"], "at 1000");
}

TEST(SubstituteJson, RecursesIntoArraysAndObjects) {
  auto value = SubstituteJson(
      {{"aud", {"${audience}", "x"}}, {"n", {{"i", "${issuer}"}}}}, kValues);
  EXPECT_EQ(value["aud"][0], "aud");
  EXPECT_EQ(value["n"]["i"], "http://127.0.0.1:1/v");
}

}  // namespace
}  // namespace jwtconf::harness
