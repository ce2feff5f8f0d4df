// Reads results.json documents back into the run model: the inverse of
// RunToJson, for merging shards, building matrices and rerunning failures.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "run_result.h"

namespace jwtconf::harness {

// A results document that cannot be read; the message names the file (for
// ReadRunResultFile), the vector and the member at fault.
class ResultsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a "jwtconf-results/1" document written by RunToJson. Throws
// ResultsError when the format differs or a member is missing, of the wrong
// type or an unknown name. The summary member is ignored:
// RunResult::Summary() recomputes it.
RunResult ReadRunResult(const nlohmann::json& document);

// ReadRunResult of a file; errors start with the path.
RunResult ReadRunResultFile(const std::filesystem::path& path);

}  // namespace jwtconf::harness
