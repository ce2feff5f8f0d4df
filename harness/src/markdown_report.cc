#include "markdown_report.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <string_view>

namespace jwtconf::harness {
namespace {

constexpr std::size_t kMaxDetail = 200;  // bytes of detail shown in tables

constexpr std::array<Outcome, 6> kOutcomes = {
    Outcome::kPass,       Outcome::kFail, Outcome::kWarn,
    Outcome::kAcceptable, Outcome::kSkip, Outcome::kError};

// `text` cut to at most `limit` bytes on a UTF-8 boundary, with an ellipsis.
std::string Shorten(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(text.substr(0, end)) + "…";
}

// Text safe inside a table cell: no line breaks, no pipes, no markup.
std::string Cell(std::string_view text) {
  std::string cell;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      cell += ' ';
    } else if (c == '<') {
      cell += "&lt;";
    } else if (c == '&') {
      cell += "&amp;";
    } else if (std::string_view("\\`*_[]|>#").find(c) !=
               std::string_view::npos) {
      cell += '\\';
      cell += c;
    } else {
      cell += c;
    }
  }
  return cell;
}

std::string Join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items)
    text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string Expected(const StepResult& step) {
  std::string text(VerdictName(step.expected));
  if (!step.expected_reasons.empty()) {
    std::string reasons;
    for (const std::string& reason : step.expected_reasons) {
      reasons += (reasons.empty() ? "" : " or ") + reason;
    }
    text += " (" + reasons + ")";
  }
  return text;
}

std::string Observed(const StepResult& step) {
  std::string text =
      step.observed ? std::string(VerdictName(*step.observed)) : "none";
  if (!step.observed_reason.empty()) text += " (" + step.observed_reason + ")";
  if (step.http_status != 0)
    text += ", HTTP " + std::to_string(step.http_status);
  return text;
}

// The first step whose outcome is the vector's, else the first step.
const StepResult* DecisiveStep(const VectorResult& vector) {
  for (const StepResult& step : vector.steps) {
    if (step.outcome == vector.outcome) return &step;
  }
  return vector.steps.empty() ? nullptr : &vector.steps.front();
}

std::string Counts(const std::map<Outcome, int>& counts) {
  std::string text;
  for (Outcome outcome : kOutcomes) {
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
      {"pass", summary.passed},  {"fail", summary.failed},
      {"warn", summary.warned},  {"acceptable", summary.acceptable},
      {"skip", summary.skipped}, {"error", summary.errors}};
  std::string text = "## Summary\n\n| outcome | vectors |\n|---|---:|\n";
  for (const auto& [name, count] : rows) {
    text += "| " + std::string(name) + " | " + std::to_string(count) + " |\n";
  }
  return text + "| **total** | **" + std::to_string(run.vectors.size()) +
         "** |\n\n";
}

bool IsNotPassing(const VectorResult& vector) {
  return vector.outcome == Outcome::kFail || vector.outcome == Outcome::kWarn ||
         vector.outcome == Outcome::kSkip || vector.outcome == Outcome::kError;
}

std::string NotPassingRow(const VectorResult& vector) {
  const StepResult* step = DecisiveStep(vector);
  std::string expected = step ? Expected(*step) : "";
  std::string observed = step ? Observed(*step) : "";
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

// "JWS-10" after "JWS-9": prefix first, then the number.
bool RequirementBefore(const std::string& a, const std::string& b) {
  auto split = [](const std::string& id) {
    std::size_t dash = id.rfind('-');
    int number = 0;
    if (dash != std::string::npos) {
      std::from_chars(id.data() + dash + 1, id.data() + id.size(), number);
    }
    return std::make_pair(id.substr(0, dash), number);
  };
  return split(a) < split(b) || (split(a) == split(b) && a < b);
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

}  // namespace

std::string RunToMarkdown(const RunResult& run) {
  return Header(run) + SummaryTable(run) + NotPassingTable(run) +
         ByRequirement(run);
}

}  // namespace jwtconf::harness
