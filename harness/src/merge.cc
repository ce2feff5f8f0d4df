#include "merge.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "shard.h"

namespace jwtconf::harness {
namespace {

void CheckSameRun(const LabelledRun& first, const LabelledRun& other) {
  if (other.run.target != first.run.target) {
    throw MergeError("different targets: " + first.label + " tested '" +
                     first.run.target + "', " + other.label + " tested '" +
                     other.run.target + "'");
  }
  if (other.run.tool_version != first.run.tool_version) {
    throw MergeError("different jwtconf versions: " + first.label + " has " +
                     first.run.tool_version + ", " + other.label + " has " +
                     other.run.tool_version);
  }
}

// True when every shard 1..N of the inputs' N is present. Throws on mixed
// counts or a shard given twice.
bool ShardsComplete(const std::vector<LabelledRun>& runs) {
  std::map<int, std::string> seen;  // index: label
  int count = 0;
  std::string count_label;
  for (const LabelledRun& input : runs) {
    if (input.run.shard.empty()) continue;
    Shard shard;
    try {
      shard = ParseShard(input.run.shard);
    } catch (const std::invalid_argument& e) {
      throw MergeError(input.label + ": shard: " + e.what());
    }
    if (count != 0 && shard.count != count) {
      throw MergeError("shards of different counts: " + count_label +
                       " is one of " + std::to_string(count) + ", " +
                       input.label + " is " + input.run.shard);
    }
    count = shard.count;
    count_label = input.label;
    auto [previous, inserted] = seen.emplace(shard.index, input.label);
    if (!inserted) {
      throw MergeError("shard " + input.run.shard + " given twice: " +
                       previous->second + " and " + input.label);
    }
  }
  return count == 0 || static_cast<int>(seen.size()) == count;
}

}  // namespace

RunResult MergeShards(const std::vector<LabelledRun>& runs) {
  if (runs.empty()) throw MergeError("nothing to merge");
  const LabelledRun& first = runs.front();
  RunResult merged;
  merged.tool_version = first.run.tool_version;
  merged.target = first.run.target;
  merged.vectors_dir = first.run.vectors_dir;
  merged.started_at = first.run.started_at;
  merged.finished_at = first.run.finished_at;
  merged.partial = !ShardsComplete(runs);

  std::map<std::string, std::string> owner;  // vector id: label
  for (const LabelledRun& input : runs) {
    CheckSameRun(first, input);
    merged.partial = merged.partial || input.run.partial;
    // RFC 3339 UTC times of one format compare as text; "" is unknown.
    if (merged.started_at.empty() ||
        (!input.run.started_at.empty() &&
         input.run.started_at < merged.started_at)) {
      merged.started_at = input.run.started_at;
    }
    merged.finished_at = std::max(merged.finished_at, input.run.finished_at);
    for (const VectorResult& vector : input.run.vectors) {
      auto [previous, inserted] = owner.emplace(vector.id, input.label);
      if (!inserted) {
        throw MergeError("vector " + vector.id + " is in both " +
                         previous->second + " and " + input.label);
      }
      merged.vectors.push_back(vector);
    }
  }
  std::sort(merged.vectors.begin(), merged.vectors.end(),
            [](const VectorResult& a, const VectorResult& b) {
              return std::tie(a.file, a.id) < std::tie(b.file, b.id);
            });
  return merged;
}

std::vector<RunResult> MergeByTarget(const std::vector<LabelledRun>& runs) {
  std::vector<std::vector<LabelledRun>> groups;
  for (const LabelledRun& input : runs) {
    auto group = std::find_if(groups.begin(), groups.end(), [&](auto& g) {
      return g.front().run.target == input.run.target;
    });
    if (group == groups.end()) {
      groups.push_back({input});
    } else {
      group->push_back(input);
    }
  }
  std::vector<RunResult> merged;
  for (const std::vector<LabelledRun>& group : groups) {
    merged.push_back(MergeShards(group));
  }
  return merged;
}

}  // namespace jwtconf::harness
