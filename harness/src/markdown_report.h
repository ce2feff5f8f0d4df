// A human-readable report: summary, the vectors that did not pass, and
// results grouped by requirement.
#pragma once

#include <string>

#include "run_result.h"

namespace jwtconf::harness {

// GitHub-flavoured Markdown: title and run facts, summary counts, a table of
// vectors that failed, warned, errored or were skipped, and for every
// requirement id its counts and vectors.
std::string RunToMarkdown(const RunResult& run);

}  // namespace jwtconf::harness
