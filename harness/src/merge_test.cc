#include "merge.h"

#include <gtest/gtest.h>

#include "matrix_test_runs.h"

namespace jwtconf::harness {
namespace {

using namespace testing_runs;

VectorResult Passing(const std::string& id) {
  return OneStep(id, "JWT-4", Verdict::kReject, Verdict::kReject,
                 Outcome::kPass);
}

LabelledRun Shard(const std::string& shard, std::vector<std::string> ids) {
  std::vector<VectorResult> vectors;
  for (const std::string& id : ids) vectors.push_back(Passing(id));
  RunResult run = RunOf("launch: node server.mjs", vectors);
  run.shard = shard;
  run.started_at = "2026-01-01T00:00:0" + shard.substr(0, 1) + "Z";
  run.finished_at = "2026-01-01T00:01:0" + shard.substr(0, 1) + "Z";
  return {"shard" + shard.substr(0, 1) + ".json", run};
}

std::string MergeErrorOf(const std::vector<LabelledRun>& runs) {
  try {
    MergeShards(runs);
  } catch (const MergeError& e) {
    return e.what();
  }
  return "";
}

TEST(MergeShards, UnionOfAllShardsIsComplete) {
  RunResult merged =
      MergeShards({Shard("2/2", {"b", "d"}), Shard("1/2", {"c", "a"})});

  std::vector<std::string> ids;
  for (const VectorResult& vector : merged.vectors) ids.push_back(vector.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_FALSE(merged.partial);
  EXPECT_EQ(merged.shard, "");
  EXPECT_EQ(merged.started_at, "2026-01-01T00:00:01Z");
  EXPECT_EQ(merged.finished_at, "2026-01-01T00:01:02Z");
}

TEST(MergeShards, MissingShardMakesItPartial) {
  EXPECT_TRUE(MergeShards({Shard("1/3", {"a"}), Shard("3/3", {"c"})}).partial);
}

TEST(MergeShards, PartialInputMakesItPartial) {
  LabelledRun interrupted = Shard("2/2", {"b"});
  interrupted.run.partial = true;

  EXPECT_TRUE(MergeShards({Shard("1/2", {"a"}), interrupted}).partial);
}

TEST(MergeShards, DuplicateVectorIsAnError) {
  EXPECT_EQ(MergeErrorOf({Shard("1/2", {"a", "b"}), Shard("2/2", {"b"})}),
            "vector b is in both shard1.json and shard2.json");
}

TEST(MergeShards, SameShardTwiceIsAnError) {
  EXPECT_EQ(MergeErrorOf({Shard("1/2", {"a"}), Shard("1/2", {"b"})}),
            "shard 1/2 given twice: shard1.json and shard1.json");
}

TEST(MergeShards, MixedShardCountsAreAnError) {
  EXPECT_EQ(MergeErrorOf({Shard("1/2", {"a"}), Shard("2/3", {"b"})}),
            "shards of different counts: shard1.json is one of 2, "
            "shard2.json is 2/3");
}

TEST(MergeShards, DifferentTargetsAreAnError) {
  LabelledRun other = Shard("2/2", {"b"});
  other.run.target = "reference (in-process)";

  EXPECT_EQ(MergeErrorOf({Shard("1/2", {"a"}), other}),
            "different targets: shard1.json tested 'launch: node "
            "server.mjs', shard2.json tested 'reference (in-process)'");
}

TEST(MergeShards, DifferentToolVersionsAreAnError) {
  LabelledRun other = Shard("2/2", {"b"});
  other.run.tool_version = "0.2.0";

  EXPECT_NE(MergeErrorOf({Shard("1/2", {"a"}), other})
                .find("different jwtconf versions"),
            std::string::npos);
}

TEST(MergeShards, NothingIsAnError) {
  EXPECT_EQ(MergeErrorOf({}), "nothing to merge");
}

TEST(MergeByTarget, GroupsInFirstSeenOrder) {
  LabelledRun reference = Shard("1/1", {"a", "b"});
  reference.run.target = "reference (in-process)";

  std::vector<RunResult> merged =
      MergeByTarget({Shard("1/2", {"a"}), reference, Shard("2/2", {"b"})});

  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].target, "launch: node server.mjs");
  EXPECT_EQ(merged[0].vectors.size(), 2u);
  EXPECT_EQ(merged[1].target, "reference (in-process)");
}

}  // namespace
}  // namespace jwtconf::harness
