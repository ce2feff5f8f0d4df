// Which requirements the vectors exercise, and with which expected verdicts
// (`jwtconf vectors coverage`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vector_model.h"

namespace jwtconf::harness {

struct RequirementCoverage {
  std::string id;
  std::string level;  // MUST, SHOULD, MAY
  // Vectors listing the requirement (any position), and among them those
  // with at least one step expecting each verdict.
  int vectors = 0;
  int accept = 0;
  int reject = 0;
  int acceptable = 0;
};

struct CoverageReport {
  std::vector<RequirementCoverage> requirements;  // catalogue order
  int vector_count = 0;
  std::vector<std::string> must_without_vectors;
  // MUST requirements with a reject path but no vector expecting a reject.
  std::vector<std::string> must_without_reject;
  // Accept-only MUST requirements (HTTP-6, JWS-11) without an accept vector.
  std::vector<std::string> must_without_accept;

  bool complete() const {
    return must_without_vectors.empty() && must_without_reject.empty() &&
           must_without_accept.empty();
  }
};

// Requirements a conforming verifier can only satisfy by accepting: a
// vector for them proves a valid token passes, not that a bad one fails.
bool IsAcceptOnlyRequirement(std::string_view id);

// Whether requirement `a` comes before `b` in the catalogue: HTTP, DISC,
// JWKS, JWS, JWT, ROB, then numerically within a group.
bool CatalogueOrder(std::string_view a, std::string_view b);

CoverageReport ComputeCoverage(const VectorSuite& suite);

std::string CoverageToText(const CoverageReport& report);
std::string CoverageToMarkdown(const CoverageReport& report);
nlohmann::json CoverageToJson(const CoverageReport& report);

// One line: counts, and the gaps by name.
std::string CoverageSummary(const CoverageReport& report);

}  // namespace jwtconf::harness
