#include "coverage.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <set>

namespace jwtconf::harness {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kGroups = {"HTTP", "DISC", "JWKS",
                                                     "JWS",  "JWT",  "ROB"};

// (group rank, number) of an id like "JWKS-10"; unknown groups sort last.
std::pair<std::size_t, int> SortKey(std::string_view id) {
  const auto dash = id.rfind('-');
  const std::string_view group = id.substr(0, dash);
  const auto rank = static_cast<std::size_t>(
      std::find(kGroups.begin(), kGroups.end(), group) - kGroups.begin());
  int number = 0;
  if (dash != std::string_view::npos) {
    std::from_chars(id.data() + dash + 1, id.data() + id.size(), number);
  }
  return {rank, number};
}

std::string Joined(const std::vector<std::string>& ids) {
  std::string text;
  for (const auto& id : ids) text += (text.empty() ? "" : ", ") + id;
  return text;
}

int CoveredCount(const CoverageReport& report) {
  return static_cast<int>(std::count_if(
      report.requirements.begin(), report.requirements.end(),
      [](const RequirementCoverage& row) { return row.vectors > 0; }));
}

std::string Row(const char* format, const RequirementCoverage& row) {
  char line[160];
  std::snprintf(line, sizeof(line), format, row.id.c_str(), row.level.c_str(),
                row.vectors, row.accept, row.reject, row.acceptable);
  return line;
}

}  // namespace

bool IsAcceptOnlyRequirement(std::string_view id) {
  return id == "HTTP-6" || id == "JWS-11";
}

bool CatalogueOrder(std::string_view a, std::string_view b) {
  const auto key_a = SortKey(a);
  const auto key_b = SortKey(b);
  if (key_a != key_b) return key_a < key_b;
  return a < b;
}

CoverageReport ComputeCoverage(const VectorSuite& suite) {
  CoverageReport report;
  report.vector_count = static_cast<int>(suite.vectors.size());
  for (const auto& [id, requirement] : suite.requirements) {
    RequirementCoverage row;
    row.id = id;
    row.level = requirement.level;
    for (const Vector& vector : suite.vectors) {
      const auto& listed = vector.requirements;
      if (std::find(listed.begin(), listed.end(), id) == listed.end()) continue;
      ++row.vectors;
      std::set<Verdict> expected;
      for (const Step& step : vector.steps) expected.insert(step.expect);
      row.accept += expected.contains(Verdict::kAccept);
      row.reject += expected.contains(Verdict::kReject);
      row.acceptable += expected.contains(Verdict::kAcceptable);
    }
    report.requirements.push_back(row);
  }
  std::sort(report.requirements.begin(), report.requirements.end(),
            [](const RequirementCoverage& a, const RequirementCoverage& b) {
              return CatalogueOrder(a.id, b.id);
            });

  for (const RequirementCoverage& row : report.requirements) {
    if (row.level != "MUST") continue;
    if (row.vectors == 0) {
      report.must_without_vectors.push_back(row.id);
    } else if (IsAcceptOnlyRequirement(row.id) && row.accept == 0) {
      report.must_without_accept.push_back(row.id);
    } else if (!IsAcceptOnlyRequirement(row.id) && row.reject == 0) {
      report.must_without_reject.push_back(row.id);
    }
  }
  return report;
}

std::string CoverageSummary(const CoverageReport& report) {
  std::string text = std::to_string(report.requirements.size()) +
                     " requirements, " + std::to_string(CoveredCount(report)) +
                     " with vectors, " + std::to_string(report.vector_count) +
                     " vectors";
  if (report.complete()) return text + "; every MUST is covered";
  if (!report.must_without_vectors.empty()) {
    text += "; MUST without vectors: " + Joined(report.must_without_vectors);
  }
  if (!report.must_without_reject.empty()) {
    text +=
        "; MUST without a reject vector: " + Joined(report.must_without_reject);
  }
  if (!report.must_without_accept.empty()) {
    text += "; accept-only MUST without an accept vector: " +
            Joined(report.must_without_accept);
  }
  return text;
}

std::string CoverageToText(const CoverageReport& report) {
  std::string text =
      "requirement  level   vectors  accept  reject  acceptable\n";
  for (const auto& row : report.requirements) {
    text += Row("%-11s  %-6s  %7d  %6d  %6d  %10d\n", row);
  }
  return text + CoverageSummary(report) + "\n";
}

std::string CoverageToMarkdown(const CoverageReport& report) {
  std::string text =
      "| requirement | level | vectors | accept | reject | acceptable |\n"
      "|---|---|---:|---:|---:|---:|\n";
  for (const auto& row : report.requirements) {
    text += Row("| %s | %s | %d | %d | %d | %d |\n", row);
  }
  return text + "\n" + CoverageSummary(report) + "\n";
}

json CoverageToJson(const CoverageReport& report) {
  json rows = json::array();
  for (const auto& row : report.requirements) {
    rows.push_back({{"id", row.id},
                    {"level", row.level},
                    {"vectors", row.vectors},
                    {"accept", row.accept},
                    {"reject", row.reject},
                    {"acceptable", row.acceptable}});
  }
  return {{"requirements", rows},
          {"vectors", report.vector_count},
          {"covered", CoveredCount(report)},
          {"complete", report.complete()},
          {"must_without_vectors", report.must_without_vectors},
          {"must_without_reject", report.must_without_reject},
          {"must_without_accept", report.must_without_accept},
          {"summary", CoverageSummary(report)}};
}

}  // namespace jwtconf::harness
