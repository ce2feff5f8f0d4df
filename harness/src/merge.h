// Combines results.json documents: the shards of one target into one run,
// and runs of several targets into a matrix.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "run_result.h"

namespace jwtconf::harness {

class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One input: a run and where it came from, for messages.
struct LabelledRun {
  std::string label;  // the file name
  RunResult run;
};

// The union of the vectors of runs of one target, sorted by file then id.
// Throws MergeError when the targets or tool versions differ, a vector id
// is in two inputs, or shards of different counts (1/2 and 1/3) or the same
// shard twice are given. The result is partial when any input is, or when
// the inputs are shards and some shard of the N is missing; started_at is
// the earliest start and finished_at the latest end.
RunResult MergeShards(const std::vector<LabelledRun>& runs);

// Inputs grouped by target in first-seen order; each group merged.
std::vector<RunResult> MergeByTarget(const std::vector<LabelledRun>& runs);

}  // namespace jwtconf::harness
