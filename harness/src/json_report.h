// The machine-readable report: every other view can be rendered from it,
// and runs can be read back for merging and reruns.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "run_result.h"

namespace jwtconf::harness {

// The value of the report's "format" member; bumped on incompatible changes.
inline constexpr std::string_view kResultsFormat = "jwtconf-results/1";

// The run as a "jwtconf-results/1" document (see json_report.cc).
nlohmann::json RunToJson(const RunResult& run);

// What describes a vector apart from its outcome: id, title, category,
// file, requirements, level, rationale (shared with matrix.json).
nlohmann::json VectorDescriptionToJson(const VectorResult& vector);

// RunToJson rendered as indented text; bytes that are not UTF-8 in strings
// taken from targets are replaced with U+FFFD instead of failing the dump.
std::string RunToJsonText(const RunResult& run);

}  // namespace jwtconf::harness
