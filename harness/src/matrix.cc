#include "matrix.h"

#include <algorithm>

#include "json_report.h"
#include "report_text.h"

namespace jwtconf::harness {
namespace {

using nlohmann::json;

// Bytes of a step's detail kept in the matrix: enough for a status line and
// an error message, not a whole response body per cell.
constexpr std::size_t kMaxDetail = 500;

json CountsToJson(const RunResult& run) {
  std::map<Outcome, int> counts;
  for (const VectorResult& vector : run.vectors) ++counts[vector.outcome];
  json document = {{"total", run.vectors.size()}};
  for (Outcome outcome : kAllOutcomes) {
    document[std::string(OutcomeName(outcome))] = counts[outcome];
  }
  return document;
}

json ScoreToJson(const Score& score) {
  json document = {
      {"passed", score.passed}, {"tested", score.tested}, {"value", nullptr}};
  if (score.value) document["value"] = *score.value;
  return document;
}

json ImplementationToJson(const Implementation& implementation) {
  json document = ImplementationInfoToJson(implementation);
  document["target"] = nullptr;
  document["partial"] = false;
  document["summary"] = nullptr;
  document["score"] = nullptr;
  if (const std::optional<RunResult>& run = implementation.run) {
    document["target"] = run->target;
    document["partial"] = run->partial;
    document["summary"] = CountsToJson(*run);
    document["score"] = ScoreToJson(ScoreOf(*run));
  }
  return document;
}

json ResultToJson(const VectorResult& result) {
  json steps = json::array();
  for (const StepResult& step : result.steps) {
    json observed = nullptr;
    if (step.observed) observed = VerdictName(*step.observed);
    steps.push_back({{"outcome", OutcomeName(step.outcome)},
                     {"observed", observed},
                     {"reason", step.observed_reason},
                     {"http_status", step.http_status},
                     {"detail", Shorten(step.detail, kMaxDetail)},
                     {"fetches", step.fetches}});
  }
  return {{"outcome", OutcomeName(result.outcome)},
          {"skip_reason", result.skip_reason},
          {"steps", steps}};
}

json RowToJson(const Matrix& matrix, const MatrixRow& row) {
  const VectorResult& vector = *row.vector;
  json expected = json::array();
  for (const StepResult& step : vector.steps) {
    expected.push_back({{"verdict", VerdictName(step.expected)},
                        {"reasons", step.expected_reasons}});
  }
  json results = json::object();
  for (std::size_t i = 0; i < row.results.size(); ++i) {
    if (row.results[i] == nullptr) continue;
    results[matrix.implementations[i].name] = ResultToJson(*row.results[i]);
  }
  json document = VectorDescriptionToJson(vector);
  document["expected"] = expected;
  document["results"] = results;
  return document;
}

std::string PrimaryRequirement(const VectorResult& vector) {
  return vector.requirements.empty() ? "" : vector.requirements.front();
}

bool RowBefore(const MatrixRow& a, const MatrixRow& b) {
  const std::string first = PrimaryRequirement(*a.vector);
  const std::string second = PrimaryRequirement(*b.vector);
  if (first != second) return RequirementBefore(first, second);
  return a.vector->id < b.vector->id;
}

const Implementation* Reference(const Matrix& matrix) {
  for (const Implementation& implementation : matrix.implementations) {
    if (implementation.name == kReferenceName && implementation.run) {
      return &implementation;
    }
  }
  return nullptr;
}

}  // namespace

nlohmann::json ImplementationInfoToJson(const Implementation& implementation) {
  return {{"name", implementation.name},
          {"library", implementation.library},
          {"language", implementation.language},
          {"discovery", implementation.discovery},
          {"versions", implementation.versions},
          {"availability", AvailabilityName(implementation.availability)},
          {"reason", implementation.reason}};
}

std::string_view AvailabilityName(Availability availability) {
  switch (availability) {
    case Availability::kAvailable:
      return "available";
    case Availability::kUnavailable:
      return "unavailable";
    case Availability::kFailed:
      return "failed";
  }
  return "unknown";
}

std::string LatestFinish(const Matrix& matrix) {
  std::string latest;
  for (const Implementation& implementation : matrix.implementations) {
    if (implementation.run) {
      latest = std::max(latest, implementation.run->finished_at);
    }
  }
  return latest;
}

Score ScoreOf(const RunResult& run) {
  Score score;
  for (const VectorResult& vector : run.vectors) {
    if (vector.outcome == Outcome::kSkip) continue;
    ++score.tested;
    if (vector.outcome == Outcome::kPass ||
        vector.outcome == Outcome::kAcceptable) {
      ++score.passed;
    }
  }
  if (score.tested > 0) {
    score.value = static_cast<double>(score.passed) / score.tested;
  }
  return score;
}

std::vector<MatrixRow> MatrixRows(const Matrix& matrix) {
  const std::size_t columns = matrix.implementations.size();
  std::map<std::string, MatrixRow> rows;
  for (std::size_t i = 0; i < columns; ++i) {
    const std::optional<RunResult>& run = matrix.implementations[i].run;
    if (!run) continue;
    for (const VectorResult& vector : run->vectors) {
      MatrixRow& row = rows[vector.id];
      if (row.vector == nullptr) {
        row.vector = &vector;
        row.results.assign(columns, nullptr);
      }
      row.results[i] = &vector;
    }
  }
  std::vector<MatrixRow> sorted;
  for (auto& [id, row] : rows) sorted.push_back(row);
  std::sort(sorted.begin(), sorted.end(), RowBefore);
  return sorted;
}

std::optional<std::string> ObservedVerdicts(const VectorResult& vector) {
  if (vector.steps.empty()) return std::nullopt;
  std::string text;
  for (const StepResult& step : vector.steps) {
    if (!step.observed) return std::nullopt;
    text +=
        (text.empty() ? "" : ",") + std::string(VerdictName(*step.observed));
  }
  return text;
}

std::string ExpectedVerdicts(const VectorResult& vector) {
  std::string text;
  for (const StepResult& step : vector.steps) {
    text += (text.empty() ? "" : ",") + std::string(VerdictName(step.expected));
  }
  return text;
}

std::vector<Disagreement> FindDisagreements(const Matrix& matrix) {
  const Implementation* reference = Reference(matrix);
  if (reference == nullptr) return {};
  std::vector<Disagreement> disagreements;
  for (const MatrixRow& row : MatrixRows(matrix)) {
    std::optional<std::string> reference_verdict;
    std::map<std::string, std::vector<std::string>> voters;  // verdict: names
    int voter_count = 0;
    for (std::size_t i = 0; i < row.results.size(); ++i) {
      if (row.results[i] == nullptr) continue;
      std::optional<std::string> verdict = ObservedVerdicts(*row.results[i]);
      if (!verdict) continue;
      const Implementation& implementation = matrix.implementations[i];
      if (&implementation == reference) {
        reference_verdict = verdict;
        continue;
      }
      voters[*verdict].push_back(implementation.name);
      ++voter_count;
    }
    if (!reference_verdict) continue;

    for (const auto& [verdict, names] : voters) {
      const int count = static_cast<int>(names.size());
      if (count * 2 <= voter_count || verdict == *reference_verdict) continue;
      Disagreement disagreement;
      disagreement.vector = row.vector;
      disagreement.reference_verdict = *reference_verdict;
      disagreement.majority_verdict = verdict;
      disagreement.majority_count = count;
      disagreement.voters = voter_count;
      disagreement.agreeing = names;
      auto siding = voters.find(*reference_verdict);
      if (siding != voters.end()) disagreement.with_reference = siding->second;
      disagreements.push_back(disagreement);
    }
  }
  return disagreements;
}

json MatrixToJson(const Matrix& matrix) {
  json implementations = json::array();
  bool partial = false;
  for (const Implementation& implementation : matrix.implementations) {
    implementations.push_back(ImplementationToJson(implementation));
    partial = partial || (implementation.run && implementation.run->partial);
  }
  json vectors = json::array();
  for (const MatrixRow& row : MatrixRows(matrix)) {
    vectors.push_back(RowToJson(matrix, row));
  }
  json outcomes = json::array();
  for (Outcome outcome : kAllOutcomes) outcomes.push_back(OutcomeName(outcome));
  return {{"format", std::string(kMatrixFormat)},
          {"tool_version", matrix.tool_version},
          {"generated_at", matrix.generated_at},
          {"partial", partial},
          {"outcomes", outcomes},
          {"implementations", implementations},
          {"vectors", vectors}};
}

}  // namespace jwtconf::harness
