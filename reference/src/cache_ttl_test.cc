#include "cache_ttl.h"

#include <gtest/gtest.h>

#include "media_type.h"

namespace jwtconf {
namespace {

using std::chrono::seconds;

DiscoveryOptions Bounds() {
  DiscoveryOptions options;
  options.default_ttl = seconds(300);
  options.min_ttl = seconds(30);
  options.max_ttl = seconds(3600);
  return options;
}

TEST(CacheTtl, NoHeaderGivesDefault) {
  EXPECT_EQ(CacheTtl("", Bounds()), seconds(300));
  EXPECT_EQ(CacheTtl("public", Bounds()), seconds(300));
}

TEST(CacheTtl, MaxAgeWithinBoundsIsHonoured) {
  EXPECT_EQ(CacheTtl("public, max-age=600", Bounds()), seconds(600));
  EXPECT_EQ(CacheTtl("Max-Age=31", Bounds()), seconds(31));
}

TEST(CacheTtl, MaxAgeIsClampedIntoBounds) {
  EXPECT_EQ(CacheTtl("max-age=0", Bounds()), seconds(30));
  EXPECT_EQ(CacheTtl("max-age=999999", Bounds()), seconds(3600));
  EXPECT_EQ(CacheTtl("max-age=99999999999999999999999", Bounds()),
            seconds(3600));
}

TEST(CacheTtl, NoStoreAndNoCacheGiveMinimum) {
  EXPECT_EQ(CacheTtl("no-store", Bounds()), seconds(30));
  EXPECT_EQ(CacheTtl("max-age=600, no-cache", Bounds()), seconds(30));
}

TEST(CacheTtl, UnreadableMaxAgeGivesDefault) {
  EXPECT_EQ(CacheTtl("max-age=-5", Bounds()), seconds(300));
  EXPECT_EQ(CacheTtl("max-age=abc", Bounds()), seconds(300));
}

TEST(HasMediaType, IgnoresCaseAndParameters) {
  EXPECT_TRUE(HasMediaType("application/json", "application/json"));
  EXPECT_TRUE(
      HasMediaType("Application/JSON; charset=utf-8", "application/json"));
  EXPECT_FALSE(HasMediaType("text/json", "application/json"));
  EXPECT_FALSE(HasMediaType("application/jsonx", "application/json"));
  EXPECT_FALSE(HasMediaType("", "application/json"));
}

}  // namespace
}  // namespace jwtconf
