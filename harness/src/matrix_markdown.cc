#include "matrix_markdown.h"

#include <cstdio>
#include <set>

#include "report_text.h"

namespace jwtconf::harness {
namespace {

constexpr std::size_t kMaxDetail = 160;  // bytes of detail in findings

std::string Percent(const Score& score) {
  if (!score.value) return "n/a";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f %%", *score.value * 100);
  return text;
}

std::string PrimaryRequirement(const VectorResult& vector) {
  return vector.requirements.empty() ? "" : vector.requirements.front();
}

std::string Header(const Matrix& matrix, std::size_t vectors) {
  std::string text = "# jwtconf interop matrix\n\n";
  text += "- Tool: jwtconf " + Cell(matrix.tool_version) + "\n";
  text += "- Generated: " + Cell(matrix.generated_at) + "\n";
  text += "- Vectors: " + std::to_string(vectors) + "\n";
  text +=
      "- Score: (pass + acceptable) / tested, where tested counts the vectors "
      "not skipped (see reports/README.md)\n";
  for (const Implementation& implementation : matrix.implementations) {
    if (implementation.run && implementation.run->partial) {
      text += "\n**Partial:** " + Cell(implementation.name) +
              " was interrupted before every vector ran.\n";
    }
  }
  return text + "\n";
}

std::string SummaryTable(const Matrix& matrix) {
  std::string text =
      "## Summary\n\n| implementation | library | language | versions | "
      "discovery | score |";
  std::string rule = "|---|---|---|---|---|---:|";
  for (Outcome outcome : kAllOutcomes) {
    text += " " + std::string(OutcomeName(outcome)) + " |";
    rule += "---:|";
  }
  text += "\n" + rule + "\n";
  for (const Implementation& implementation : matrix.implementations) {
    text += "| " + Cell(implementation.name) + " | " +
            Cell(implementation.library) + " | " +
            Cell(implementation.language) + " | " +
            Cell(implementation.versions) + " | " +
            Cell(implementation.discovery) + " | ";
    if (!implementation.run) {
      text += std::string(AvailabilityName(implementation.availability)) +
              ": " + Cell(implementation.reason) + " |";
      for (std::size_t i = 0; i < kAllOutcomes.size(); ++i) text += " |";
      text += "\n";
      continue;
    }
    std::map<Outcome, int> counts;
    for (const VectorResult& vector : implementation.run->vectors) {
      ++counts[vector.outcome];
    }
    text += Percent(ScoreOf(*implementation.run)) + " |";
    for (Outcome outcome : kAllOutcomes) {
      text += " " + std::to_string(counts[outcome]) + " |";
    }
    text += "\n";
  }
  return text + "\n";
}

// The implementations that ran the vector do not all have one outcome;
// skipped ones are left out, as a skip says nothing about behaviour.
bool OutcomesDiffer(const MatrixRow& row) {
  std::set<Outcome> outcomes;
  for (const VectorResult* result : row.results) {
    if (result != nullptr && result->outcome != Outcome::kSkip) {
      outcomes.insert(result->outcome);
    }
  }
  return outcomes.size() > 1;
}

std::string Differences(const Matrix& matrix,
                        const std::vector<MatrixRow>& rows) {
  std::string head = "| vector | requirement | expected |";
  std::string rule = "|---|---|---|";
  for (const Implementation& implementation : matrix.implementations) {
    if (!implementation.run) continue;
    head += " " + Cell(implementation.name) + " |";
    rule += "---|";
  }
  std::map<std::string, std::string, decltype(&RequirementBefore)> groups(
      RequirementBefore);
  std::size_t differing = 0;
  for (const MatrixRow& row : rows) {
    if (!OutcomesDiffer(row)) continue;
    ++differing;
    std::string line = "| " + Cell(row.vector->id) + " | " +
                       Cell(PrimaryRequirement(*row.vector)) + " | " +
                       Cell(ExpectedVerdicts(*row.vector)) + " |";
    for (std::size_t i = 0; i < row.results.size(); ++i) {
      if (!matrix.implementations[i].run) continue;
      const VectorResult* result = row.results[i];
      line += " " + (result ? std::string(OutcomeName(result->outcome)) : "-") +
              " |";
    }
    groups[RequirementPrefix(PrimaryRequirement(*row.vector))] += line + "\n";
  }
  std::string text = "## Where implementations differ\n\n";
  text += "Only the " + std::to_string(differing) + " of " +
          std::to_string(rows.size()) +
          " vectors on which the implementations that ran them do not all "
          "have the same outcome (skips left out) are listed; every vector "
          "is in matrix.json and matrix.html. `-`: not run.\n\n";
  for (const auto& [group, lines] : groups) {
    text += "### " + Cell(group) + "\n\n" + head + "\n" + rule + "\n" + lines +
            "\n";
  }
  return text;
}

bool IsFinding(Outcome outcome) {
  return outcome != Outcome::kPass && outcome != Outcome::kAcceptable &&
         outcome != Outcome::kSkip;
}

std::string Findings(const Matrix& matrix, const std::vector<MatrixRow>& rows) {
  std::string text = "## Findings per implementation\n\n";
  for (std::size_t i = 0; i < matrix.implementations.size(); ++i) {
    const Implementation& implementation = matrix.implementations[i];
    text += "### " + Cell(implementation.name) + "\n\n";
    if (!implementation.run) {
      text += std::string(AvailabilityName(implementation.availability)) +
              ": " + Cell(implementation.reason) + "\n\n";
      continue;
    }
    std::string lines;
    for (const MatrixRow& row : rows) {
      const VectorResult* result = row.results[i];
      if (result == nullptr || !IsFinding(result->outcome)) continue;
      lines += "- " + std::string(OutcomeName(result->outcome)) + " " +
               Cell(result->id) + " [" + Cell(PrimaryRequirement(*result)) +
               "]";
      if (const StepResult* step = DecisiveStep(*result)) {
        lines += ": expected " + Cell(ExpectedText(*step)) + ", observed " +
                 Cell(ObservedText(*step));
        if (!step->detail.empty()) {
          lines += " — " + Cell(Shorten(step->detail, kMaxDetail));
        }
      }
      lines += "\n";
    }
    text += lines.empty() ? "No findings.\n\n" : lines + "\n";
  }
  return text;
}

std::string Names(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string text;
  for (const std::string& name : names) {
    text += (text.empty() ? "" : ", ") + Cell(name);
  }
  return text;
}

}  // namespace

std::string MatrixToMarkdown(const Matrix& matrix) {
  const std::vector<MatrixRow> rows = MatrixRows(matrix);
  return Header(matrix, rows.size()) + SummaryTable(matrix) +
         Differences(matrix, rows) + Findings(matrix, rows);
}

std::string DisagreementsToMarkdown(
    const Matrix& matrix, const std::vector<Disagreement>& disagreements) {
  std::string text = "# Disagreements: reference against the majority\n\n";
  text += "- Tool: jwtconf " + Cell(matrix.tool_version) + "\n";
  text += "- Generated: " + Cell(matrix.generated_at) + "\n\n";
  text +=
      "Vectors where the reference's observed verdicts differ from those of "
      "a strict majority of the third-party implementations that gave a "
      "verdict. Each needs a look: either the cited requirement justifies "
      "the vector's verdict (write why into the vector) or the vector is "
      "wrong.\n\n";
  if (disagreements.empty()) return text + "No disagreements.\n";
  // Where the vector allows either verdict the disagreement is already
  // justified; those come last so the decided ones stand out.
  std::string decided;
  std::string either;
  for (const Disagreement& disagreement : disagreements) {
    const VectorResult& vector = *disagreement.vector;
    const std::string expected = ExpectedVerdicts(vector);
    const bool acceptable = expected.find("acceptable") != std::string::npos;
    (acceptable ? either : decided) +=
        "| " + Cell(vector.id) + " | " + Cell(PrimaryRequirement(vector)) +
        " | " + Cell(expected) + " | " + Cell(disagreement.reference_verdict) +
        " | " + Cell(disagreement.majority_verdict) + " (" +
        std::to_string(disagreement.majority_count) + " of " +
        std::to_string(disagreement.voters) + ") | " +
        Names(disagreement.agreeing) + " | " +
        Names(disagreement.with_reference) + " |\n";
  }
  const std::string head =
      "| vector | requirement | expected | reference | majority | with the "
      "majority | with the reference |\n|---|---|---|---|---|---|---|\n";
  text += "## On vectors with one expected verdict\n\n" +
          (decided.empty() ? "None.\n" : head + decided) + "\n";
  text += "## On vectors where either verdict is acceptable\n\n" +
          (either.empty() ? "None.\n" : head + either);
  return text;
}

}  // namespace jwtconf::harness
