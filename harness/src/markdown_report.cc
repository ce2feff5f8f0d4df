#include "markdown_report.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "report_text.h"

namespace jwtconf::harness {
namespace {

constexpr std::size_t kMaxDetail = 200;  // bytes of detail shown in tables

std::string Join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items)
    text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string Counts(const std::map<Outcome, int>& counts) {
  std::string text;
  for (Outcome outcome : kAllOutcomes) {
    auto found = counts.find(outcome);
    if (found == counts.end()) continue;
    text += (text.empty() ? "" : ", ") + std::to_string(found->second) + " " +
            std::string(OutcomeName(outcome));
  }
  return text;
}

std::string Header(const RunResult& run) {
  std::string text = "# jwtconf conformance results\n\n";
  text += "- Target: " + Cell(run.target) + "\n";
  text += "- Tool: jwtconf " + Cell(run.tool_version) + "\n";
  text += "- Vectors: " + Cell(run.vectors_dir) + "\n";
  text +=
      "- Run: " + Cell(run.started_at) + " to " + Cell(run.finished_at) + "\n";
  if (run.partial) {
    text += "\n**Partial run:** interrupted before every vector ran.\n";
  }
  return text + "\n";
}

std::string SummaryTable(const RunResult& run) {
  RunSummary summary = run.Summary();
  const std::pair<std::string_view, int> rows[] = {
      {"pass", summary.passed},      {"fail", summary.failed},
      {"warn", summary.warned},      {"acceptable", summary.acceptable},
      {"skip", summary.skipped},     {"error", summary.errors},
      {"timeout", summary.timeouts}, {"crash", summary.crashes}};
  std::string text = "## Summary\n\n| outcome | vectors |\n|---|---:|\n";
  for (const auto& [name, count] : rows) {
    text += "| " + std::string(name) + " | " + std::to_string(count) + " |\n";
  }
  return text + "| **total** | **" + std::to_string(run.vectors.size()) +
         "** |\n\n";
}

bool IsNotPassing(const VectorResult& vector) {
  return vector.outcome != Outcome::kPass &&
         vector.outcome != Outcome::kAcceptable;
}

std::string NotPassingRow(const VectorResult& vector) {
  const StepResult* step = DecisiveStep(vector);
  std::string expected = step ? ExpectedText(*step) : "";
  std::string observed = step ? ObservedText(*step) : "";
  std::string detail = vector.outcome == Outcome::kSkip
                           ? vector.skip_reason
                           : (step ? step->detail : "");
  return "| " + Cell(vector.id) + " | " + Cell(Join(vector.requirements)) +
         " | " + Cell(expected) + " | " + Cell(observed) + " | " +
         std::string(OutcomeName(vector.outcome)) + " | " +
         Cell(Shorten(detail, kMaxDetail)) + " |\n";
}

std::string NotPassingTable(const RunResult& run) {
  std::string rows;
  for (const VectorResult& vector : run.vectors) {
    if (IsNotPassing(vector)) rows += NotPassingRow(vector);
  }
  std::string text = "## Vectors not passing\n\n";
  if (rows.empty()) return text + "Every vector passed.\n\n";
  return text +
         "| id | requirements | expected | observed | outcome | detail |\n"
         "|---|---|---|---|---|---|\n" +
         rows + "\n";
}

std::string ByRequirement(const RunResult& run) {
  std::map<std::string, std::vector<const VectorResult*>> groups;
  for (const VectorResult& vector : run.vectors) {
    for (const std::string& id : vector.requirements) {
      groups[id].push_back(&vector);
    }
  }
  std::vector<std::string> ids;
  for (const auto& [id, vectors] : groups) ids.push_back(id);
  std::sort(ids.begin(), ids.end(), RequirementBefore);

  std::string text = "## Results by requirement\n";
  for (const std::string& id : ids) {
    std::map<Outcome, int> counts;
    std::string lines;
    for (const VectorResult* vector : groups[id]) {
      ++counts[vector->outcome];
      lines += "- " + Cell(vector->id) + ": " +
               std::string(OutcomeName(vector->outcome)) + "\n";
    }
    text += "\n### " + Cell(id) + "\n\n" + std::to_string(groups[id].size()) +
            " vectors: " + Counts(counts) + "\n\n" + lines;
  }
  return text;
}

// "jwks 1, discovery at most 2": the step's fetch expectations.
std::string ExpectedFetches(const StepResult& step) {
  std::string text;
  for (const auto& [name, count] : step.expected_fetches) {
    text += (text.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  for (const auto& [name, max] : step.max_fetches) {
    text +=
        (text.empty() ? "" : ", ") + name + " at most " + std::to_string(max);
  }
  return text;
}

std::string ObservedFetches(const StepResult& step) {
  std::string text;
  for (const auto& [name, count] : step.fetches) {
    text += (text.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  if (text.empty()) text = "none";
  return step.fetches_per_step ? text + " (this step, shared issuer)" : text;
}

// Every step that expects fetch counts, and every canary hit: how the
// target fetched, beside its verdicts.
std::string FetchesSection(const RunResult& run) {
  std::string rows;
  std::string hits;
  for (const VectorResult& vector : run.vectors) {
    for (std::size_t i = 0; i < vector.steps.size(); ++i) {
      const StepResult& step = vector.steps[i];
      const std::string scenario =
          Cell(vector.id) + " step " + std::to_string(i + 1);
      for (const std::string& hit : step.canary_hits) {
        hits += "| " + scenario + " | " + Cell(hit) + " |\n";
      }
      const std::string expected = ExpectedFetches(step);
      if (expected.empty()) continue;
      rows += "| " + scenario + " | " + Cell(expected) + " | " +
              Cell(ObservedFetches(step)) + " | " +
              std::string(OutcomeName(step.outcome)) + " |\n";
    }
  }
  std::string text = "## Fetches\n\n";
  text += rows.empty() ? "No step expects fetch counts.\n\n"
                       : "| scenario | expected | observed | outcome |\n"
                         "|---|---|---|---|\n" +
                             rows + "\n";
  text += "### SSRF canary\n\n";
  text += hits.empty() ? "No request reached the canary.\n\n"
                       : "| scenario | request |\n|---|---|\n" + hits + "\n";
  return text;
}

}  // namespace

std::string RunToMarkdown(const RunResult& run) {
  return Header(run) + SummaryTable(run) + NotPassingTable(run) +
         FetchesSection(run) + ByRequirement(run);
}

}  // namespace jwtconf::harness
