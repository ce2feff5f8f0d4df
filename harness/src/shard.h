// Deterministic slices of a vector set for CI: `--shard I/N` runs slice I
// of N, and the N slices together run every vector exactly once.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace jwtconf::harness {

struct Shard {
  int index = 1;  // 1-based, 1 <= index <= count
  int count = 1;
};

// Parses "I/N" with 1 <= I <= N; throws std::invalid_argument saying what
// is wrong otherwise.
Shard ParseShard(std::string_view text);

std::string ShardName(const Shard& shard);  // "I/N"

// The ids of shard I/N: the ids sorted bytewise, then dealt round-robin, so
// the id at sorted position p (0-based) belongs to shard p % N + 1. The
// slice depends only on the set of ids (not on their order or on the
// machine) and slices differ in size by at most one; adding a vector can
// move others to another shard, which is harmless because every shard of
// one CI run sees the same vectors.
std::set<std::string> ShardIds(std::vector<std::string> ids,
                               const Shard& shard);

}  // namespace jwtconf::harness
