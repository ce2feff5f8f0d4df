// The interop matrix: several implementations run through the same vectors,
// side by side, with a score per implementation and the vectors on which
// the reference and the third-party implementations disagree.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "run_result.h"

namespace jwtconf::harness {

inline constexpr std::string_view kMatrixFormat = "jwtconf-matrix/1";

// The name the in-process reference has in every matrix.
inline constexpr char kReferenceName[] = "reference";

enum class Availability {
  kAvailable,    // ran; `run` holds its results
  kUnavailable,  // its runtime or dependencies are missing: not a failure
  kFailed,       // available, but the run produced no readable results
};

std::string_view AvailabilityName(Availability availability);

struct Implementation {
  std::string name;       // adapter folder name, or kReferenceName
  std::string library;    // "jose (npm)"
  std::string language;   // "JavaScript (Node.js)"
  std::string discovery;  // "library", "adapter" or "" when unknown
  std::string versions;   // the adapter's one-line version output
  Availability availability = Availability::kAvailable;
  std::string reason;  // why unavailable or failed
  std::optional<RunResult> run;
};

struct Matrix {
  std::string tool_version;
  std::string generated_at;  // RFC 3339, UTC: see LatestFinish
  std::vector<Implementation> implementations;  // reference first, if any
};

// The latest finished_at of the implementations' runs ("" if none ran):
// when the matrix's data was complete, without reading a clock.
std::string LatestFinish(const Matrix& matrix);

// Score: (pass + acceptable) / tested, where tested counts every vector
// that was not skipped. warn is not a pass (a SHOULD was not followed);
// error, timeout and crash are not either.
struct Score {
  int passed = 0;
  int tested = 0;
  std::optional<double> value;  // unset when nothing was tested
};
Score ScoreOf(const RunResult& run);

// One vector's results across implementations, for the views.
struct MatrixRow {
  const VectorResult* vector = nullptr;  // metadata: first one seen
  // Per implementation, in Matrix::implementations order; null when the
  // implementation did not run the vector (unavailable, shard missing).
  std::vector<const VectorResult*> results;
};

// Every vector any implementation ran, sorted by primary requirement (see
// RequirementBefore), then id.
std::vector<MatrixRow> MatrixRows(const Matrix& matrix);

// The vector's observed verdicts, one per step joined with ",", when every
// step produced one ("accept", "accept,reject"); nullopt otherwise (skip,
// error, timeout, crash, or a run that stopped early).
std::optional<std::string> ObservedVerdicts(const VectorResult& vector);

// Expected verdicts the same way ("reject", "accept,reject").
std::string ExpectedVerdicts(const VectorResult& vector);

// A vector on which the reference's observed verdicts differ from those of
// a strict majority of the third-party implementations that gave verdicts.
struct Disagreement {
  const VectorResult* vector = nullptr;
  std::string reference_verdict;
  std::string majority_verdict;
  int majority_count = 0;
  int voters = 0;  // third-party implementations with verdicts
  std::vector<std::string> agreeing;        // with the majority, by name
  std::vector<std::string> with_reference;  // third parties siding with it
};

// Empty when the matrix has no reference run. The results point into
// `matrix`, which must outlive them. A tie has no majority and is
// not a disagreement.
std::vector<Disagreement> FindDisagreements(const Matrix& matrix);

// The "jwtconf-matrix/1" document (format in reports/README.md).
nlohmann::json MatrixToJson(const Matrix& matrix);

// What describes an implementation apart from its run (implementation.json
// and the start of its matrix.json entry).
nlohmann::json ImplementationInfoToJson(const Implementation& implementation);

}  // namespace jwtconf::harness
