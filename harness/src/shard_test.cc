#include "shard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace jwtconf::harness {
namespace {

std::vector<std::string> SomeIds(int count) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) ids.push_back("vector-" + std::to_string(i));
  return ids;
}

TEST(Shard, ParsesIndexAndCount) {
  Shard shard = ParseShard("2/4");

  EXPECT_EQ(shard.index, 2);
  EXPECT_EQ(shard.count, 4);
  EXPECT_EQ(ShardName(shard), "2/4");
}

TEST(Shard, RefusesOutOfRangeAndMalformedText) {
  for (const char* bad : {"0/4", "5/4", "1/0", "4", "", "/", "a/b", "1/4x",
                          " 1/4", "-1/4", "1/-4", "1//4", "99999999999/1"}) {
    EXPECT_THROW(ParseShard(bad), std::invalid_argument) << bad;
  }
}

TEST(Shard, ShardsAreDisjointAndCoverEveryId) {
  const std::vector<std::string> ids = SomeIds(103);
  for (int count : {1, 2, 3, 7}) {
    std::multiset<std::string> seen;
    for (int index = 1; index <= count; ++index) {
      std::set<std::string> slice = ShardIds(ids, {index, count});
      // Balanced: sizes differ by at most one.
      EXPECT_LE(slice.size(), ids.size() / count + 1);
      EXPECT_GE(slice.size(), ids.size() / count);
      seen.insert(slice.begin(), slice.end());
    }
    EXPECT_EQ(seen, std::multiset<std::string>(ids.begin(), ids.end()))
        << "N=" << count;
  }
}

TEST(Shard, SliceDependsOnlyOnTheSetOfIds) {
  std::vector<std::string> ids = SomeIds(50);
  const std::set<std::string> first = ShardIds(ids, {3, 4});
  std::reverse(ids.begin(), ids.end());

  EXPECT_EQ(ShardIds(ids, {3, 4}), first);
}

TEST(Shard, DealsSortedIdsRoundRobin) {
  const std::vector<std::string> ids = {"d", "b", "a", "c", "e"};

  EXPECT_EQ(ShardIds(ids, {1, 2}), (std::set<std::string>{"a", "c", "e"}));
  EXPECT_EQ(ShardIds(ids, {2, 2}), (std::set<std::string>{"b", "d"}));
}

}  // namespace
}  // namespace jwtconf::harness
