#include "rerun_selection.h"

#include <algorithm>
#include <set>

namespace jwtconf::harness {

bool NeedsRerun(Outcome outcome) {
  switch (outcome) {
    case Outcome::kFail:
    case Outcome::kError:
    case Outcome::kTimeout:
    case Outcome::kCrash:
      return true;
    case Outcome::kPass:
    case Outcome::kWarn:
    case Outcome::kAcceptable:
    case Outcome::kSkip:
      return false;
  }
  return false;
}

RerunSelection KeepFailedVectors(VectorSuite& suite,
                                 const RunResult& previous) {
  std::set<std::string> failed;
  for (const VectorResult& vector : previous.vectors) {
    if (NeedsRerun(vector.outcome)) failed.insert(vector.id);
  }
  RerunSelection selection;
  selection.failed = failed.size();
  std::set<std::string> present;
  std::erase_if(suite.vectors, [&](const Vector& vector) {
    if (!failed.contains(vector.id)) return true;
    present.insert(vector.id);
    return false;
  });
  std::set_difference(failed.begin(), failed.end(), present.begin(),
                      present.end(), std::back_inserter(selection.missing));
  return selection;
}

}  // namespace jwtconf::harness
