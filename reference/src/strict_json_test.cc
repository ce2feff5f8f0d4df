#include "jwtconf/reference/strict_json.h"

#include <gtest/gtest.h>

#include <string>

namespace jwtconf {
namespace {

using Status = StrictJson::Status;

std::string Nested(int depth) {
  return "{\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') +
         "}";
}

TEST(StrictJson, ParsesObject) {
  const StrictJson parsed = ParseStrictJsonObject(R"({"a":1,"b":{"a":2}})");
  ASSERT_EQ(parsed.status, Status::kOk);
  EXPECT_EQ(parsed.value["b"]["a"], 2);
}

TEST(StrictJson, TopLevelDuplicateIsDuplicateMember) {
  EXPECT_EQ(ParseStrictJsonObject(R"({"a":1,"a":2})").status,
            Status::kDuplicateMember);
}

TEST(StrictJson, NestedDuplicateIsDuplicateMember) {
  EXPECT_EQ(ParseStrictJsonObject(R"({"a":{"b":1,"b":1}})").status,
            Status::kDuplicateMember);
  EXPECT_EQ(ParseStrictJsonObject(R"({"a":[{"b":1},{"c":1,"c":2}]})").status,
            Status::kDuplicateMember);
}

TEST(StrictJson, SameNameInSiblingObjectsIsFine) {
  EXPECT_EQ(ParseStrictJsonObject(R"({"a":{"b":1},"c":{"b":1}})").status,
            Status::kOk);
}

TEST(StrictJson, SixtyFourLevelsAreFineSixtyFiveAreMalformed) {
  EXPECT_EQ(ParseStrictJsonObject(Nested(64)).status, Status::kOk);
  EXPECT_EQ(ParseStrictJsonObject(Nested(65)).status, Status::kMalformed);
}

TEST(StrictJson, VeryDeepNestingIsMalformed) {
  const std::string deep =
      "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_EQ(ParseStrictJsonObject(deep).status, Status::kMalformed);
}

TEST(StrictJson, InvalidUtf8IsMalformed) {
  EXPECT_EQ(ParseStrictJsonObject("{\"a\":\"\xC3\x28\"}").status,
            Status::kMalformed);
  EXPECT_EQ(ParseStrictJsonObject("{\"a\":\"\xED\xA0\x80\"}").status,
            Status::kMalformed);
}

TEST(StrictJson, LoneSurrogateEscapeIsMalformed) {
  EXPECT_EQ(ParseStrictJsonObject(R"({"a":"\ud800"})").status,
            Status::kMalformed);
  EXPECT_EQ(ParseStrictJsonObject(R"({"a":"\udc00"})").status,
            Status::kMalformed);
}

TEST(StrictJson, OverflowingNumberIsMalformed) {
  EXPECT_EQ(ParseStrictJsonObject(R"({"exp":1e400})").status,
            Status::kMalformed);
}

TEST(StrictJson, NonObjectIsMalformed) {
  EXPECT_EQ(ParseStrictJsonObject("[]").status, Status::kMalformed);
  EXPECT_EQ(ParseStrictJsonObject("\"a\"").status, Status::kMalformed);
  EXPECT_EQ(ParseStrictJsonObject("null").status, Status::kMalformed);
}

TEST(StrictJson, SyntaxErrorsAreMalformed) {
  EXPECT_EQ(ParseStrictJsonObject("").status, Status::kMalformed);
  EXPECT_EQ(ParseStrictJsonObject("{").status, Status::kMalformed);
  EXPECT_EQ(ParseStrictJsonObject("{}x").status, Status::kMalformed);
  EXPECT_EQ(ParseStrictJsonObject("{/*c*/}").status, Status::kMalformed);
  EXPECT_EQ(ParseStrictJsonObject("{'a':1}").status, Status::kMalformed);
}

TEST(StrictJson, ByteOrderMarkIsMalformed) {
  EXPECT_EQ(ParseStrictJsonObject("\xEF\xBB\xBF{}").status, Status::kMalformed);
}

}  // namespace
}  // namespace jwtconf
