// Which vectors `jwtconf run --rerun-failed REPORT` runs again: those whose
// outcome in an earlier run's results was a failure.
#pragma once

#include <string>
#include <vector>

#include "run_result.h"
#include "vector_model.h"

namespace jwtconf::harness {

// fail, error, timeout and crash: the outcomes that make a run exit 1. A
// warn (a SHOULD or MAY not met) is not rerun, as it never fails a run.
bool NeedsRerun(Outcome outcome);

struct RerunSelection {
  std::size_t failed = 0;            // vectors of `previous` that need a rerun
  std::vector<std::string> missing;  // of those, ids the suite no longer has
};

// Keeps in `suite` only the vectors `previous` records as failed, in the
// suite's order.
RerunSelection KeepFailedVectors(VectorSuite& suite, const RunResult& previous);

}  // namespace jwtconf::harness
