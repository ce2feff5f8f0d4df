#include "yaml_json.h"

#include <gtest/gtest.h>

namespace jwtconf::harness {
namespace {

nlohmann::json Convert(const char* yaml) {
  return YamlToJson(YAML::Load(yaml));
}

TEST(YamlToJson, PlainScalarsBecomeTypedValues) {
  auto value = Convert("{a: 1, b: -2.5, c: true, d: null, e: ~, f: text}");
  EXPECT_EQ(value["a"], 1);
  EXPECT_DOUBLE_EQ(value["b"].get<double>(), -2.5);
  EXPECT_EQ(value["c"], true);
  EXPECT_TRUE(value["d"].is_null());
  EXPECT_TRUE(value["e"].is_null());
  EXPECT_EQ(value["f"], "text");
}

TEST(YamlToJson, QuotedScalarsStayStrings) {
  auto value = Convert(R"({a: "1", b: 'true', c: "null"})");
  EXPECT_EQ(value["a"], "1");
  EXPECT_EQ(value["b"], "true");
  EXPECT_EQ(value["c"], "null");
}

TEST(YamlToJson, IntegersBeyondSignedRangeBecomeUnsigned) {
  auto value = Convert("{a: 18446744073709551615, b: 9007199254740993}");
  EXPECT_TRUE(value["a"].is_number_unsigned());
  EXPECT_EQ(value["b"].get<std::int64_t>(), 9007199254740993);
}

TEST(YamlToJson, OverflowingFloatStaysText) {
  EXPECT_EQ(Convert("{a: 1e400}")["a"], "1e400");
}

TEST(YamlToJson, DuplicateKeyIsRefused) {
  EXPECT_THROW(Convert("{a: 1, a: 2}"), std::runtime_error);
}

}  // namespace
}  // namespace jwtconf::harness
