// Small runs for the matrix, merge and view tests.
#pragma once

#include <string>
#include <vector>

#include "matrix.h"

namespace jwtconf::harness::testing_runs {

// A one-step vector expecting `expected`, observed as `observed` (unset:
// no verdict) with `outcome`.
inline VectorResult OneStep(const std::string& id,
                            const std::string& requirement, Verdict expected,
                            std::optional<Verdict> observed, Outcome outcome) {
  VectorResult vector;
  vector.id = id;
  vector.title = "title of " + id;
  vector.category = "claims";
  vector.file = "claims/" + id + ".yaml";
  vector.requirements = {requirement};
  vector.level = "MUST";
  vector.rationale = "why " + id;
  vector.outcome = outcome;
  StepResult step;
  step.expected = expected;
  if (expected == Verdict::kReject) step.expected_reasons = {"expired"};
  step.observed = observed;
  step.outcome = outcome;
  step.detail = observed ? "HTTP/1.1 401 Unauthorized" : "no answer";
  vector.steps = {step};
  return vector;
}

inline RunResult RunOf(const std::string& target,
                       std::vector<VectorResult> vectors) {
  RunResult run;
  run.tool_version = "0.1.0";
  run.target = target;
  run.vectors_dir = "vectors";
  run.started_at = "2026-01-01T00:00:00Z";
  run.finished_at = "2026-01-01T00:00:05Z";
  run.vectors = std::move(vectors);
  return run;
}

inline Implementation Available(const std::string& name, RunResult run) {
  Implementation implementation;
  implementation.name = name;
  implementation.library = name + " lib";
  implementation.language = "C++";
  implementation.discovery = "library";
  implementation.versions = name + " 1.0";
  implementation.run = std::move(run);
  return implementation;
}

}  // namespace jwtconf::harness::testing_runs
