#include "instant.h"

#include <gtest/gtest.h>

namespace jwtconf::harness {
namespace {

std::int64_t UnixSeconds(std::string_view text) {
  auto instant = ParseInstant(text);
  EXPECT_TRUE(instant.has_value()) << text;
  if (!instant) return 0;
  return std::chrono::duration_cast<std::chrono::seconds>(
             instant->time_since_epoch())
      .count();
}

TEST(ParseInstantTest, UnixSecondsAreTakenAsGiven) {
  EXPECT_EQ(UnixSeconds("1767225600"), 1767225600);
  EXPECT_EQ(UnixSeconds("0"), 0);
  EXPECT_EQ(UnixSeconds("-5"), -5);
}

TEST(ParseInstantTest, Rfc3339UtcIsTheSameInstantAsUnixSeconds) {
  EXPECT_EQ(UnixSeconds("2026-01-01T00:00:00Z"), 1767225600);
  EXPECT_EQ(UnixSeconds("2026-01-01t00:00:00z"), 1767225600);
  EXPECT_EQ(UnixSeconds("2026-01-01 00:00:00Z"), 1767225600);
}

TEST(ParseInstantTest, Rfc3339OffsetIsSubtractedToGetUtc) {
  EXPECT_EQ(UnixSeconds("2026-01-01T01:30:00+01:30"), 1767225600);
  EXPECT_EQ(UnixSeconds("2025-12-31T19:00:00-05:00"), 1767225600);
}

TEST(ParseInstantTest, Rfc3339FractionKeepsSubSeconds) {
  auto instant = ParseInstant("2026-01-01T00:00:00.25Z");
  ASSERT_TRUE(instant.has_value());
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(
                instant->time_since_epoch())
                .count(),
            1767225600250);
}

TEST(ParseInstantTest, LeapSecondCountsAsTheNextSecond) {
  EXPECT_EQ(UnixSeconds("2016-12-31T23:59:60Z"), 1483228800);
}

TEST(ParseInstantTest, MalformedOrOutOfRangeTextIsRefused) {
  for (std::string_view text :
       {"", "now", "1767225600.5", "12abc", "2026-01-01", "2026-01-01T00:00:00",
        "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z",
        "2026-01-01T00:60:00Z", "2026-01-01T00:00:61Z",
        "2026-01-01T00:00:00+24:00", "99999999999999999999"}) {
    EXPECT_FALSE(ParseInstant(text).has_value()) << text;
  }
}

TEST(ParseInstantTest, InstantsTheClockCannotHoldAreRefusedNotWrapped) {
  for (std::string_view text :
       {"9999999999", "20243148774", "-9999999999", "9999-12-31T23:59:59Z",
        "2262-04-11T23:47:17Z", "1000-01-01T00:00:00Z"}) {
    EXPECT_FALSE(ParseInstant(text).has_value()) << text;
  }
  EXPECT_EQ(UnixSeconds("2200-01-01T00:00:00Z"), 7258118400);
}

}  // namespace
}  // namespace jwtconf::harness
