#include "results_reader.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "json_report.h"

namespace jwtconf::harness {
namespace {

using nlohmann::json;

Verdict VerdictMember(const json& parent, const char* key) {
  const std::string name = parent.at(key).get<std::string>();
  std::optional<Verdict> verdict = VerdictFromName(name);
  if (!verdict)
    throw ResultsError(std::string(key) + ": unknown verdict '" + name + "'");
  return *verdict;
}

Outcome OutcomeMember(const json& parent) {
  const std::string name = parent.at("outcome").get<std::string>();
  std::optional<Outcome> outcome = OutcomeFromName(name);
  if (!outcome) throw ResultsError("outcome: unknown outcome '" + name + "'");
  return *outcome;
}

StepResult ReadStep(const json& item) {
  StepResult step;
  const json& expected = item.at("expected");
  step.expected = VerdictMember(expected, "verdict");
  step.expected_reasons =
      expected.at("reasons").get<std::vector<std::string>>();

  const json& observed = item.at("observed");
  if (!observed.at("verdict").is_null()) {
    step.observed = VerdictMember(observed, "verdict");
  }
  step.observed_reason = observed.at("reason").get<std::string>();
  step.http_status = observed.at("http_status").get<int>();
  step.detail = observed.at("detail").get<std::string>();

  step.fetches = item.at("fetches").get<std::map<std::string, int>>();
  step.expected_fetches =
      item.at("expected_fetches").get<std::map<std::string, int>>();
  step.max_fetches = item.value("max_fetches", std::map<std::string, int>{});
  step.fetches_per_step = item.value("fetches_per_step", false);
  step.canary_hits = item.value("canary_hits", std::vector<std::string>{});
  step.outcome = OutcomeMember(item);
  return step;
}

VectorResult ReadVector(const json& item) {
  VectorResult vector;
  vector.id = item.at("id").get<std::string>();
  vector.title = item.at("title").get<std::string>();
  vector.category = item.at("category").get<std::string>();
  vector.file = item.at("file").get<std::string>();
  vector.requirements = item.at("requirements").get<std::vector<std::string>>();
  vector.level = item.at("level").get<std::string>();
  vector.rationale = item.at("rationale").get<std::string>();
  vector.outcome = OutcomeMember(item);
  vector.skip_reason = item.at("skip_reason").get<std::string>();
  vector.duration = std::chrono::microseconds(
      std::llround(item.at("duration_ms").get<double>() * 1000));
  const json& steps = item.at("steps");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    try {
      vector.steps.push_back(ReadStep(steps.at(i)));
    } catch (const std::exception& e) {
      throw ResultsError("steps[" + std::to_string(i) + "]: " + e.what());
    }
  }
  return vector;
}

// The id of results[i] for error messages, when it has one.
std::string VectorLabel(const json& item, std::size_t index) {
  std::string label = "results[" + std::to_string(index) + "]";
  if (item.is_object() && item.contains("id") && item["id"].is_string()) {
    label += " (" + item["id"].get<std::string>() + ")";
  }
  return label;
}

}  // namespace

RunResult ReadRunResult(const json& document) {
  if (!document.is_object() || !document.contains("format") ||
      document["format"] != std::string(kResultsFormat)) {
    throw ResultsError("not a " + std::string(kResultsFormat) + " document");
  }
  RunResult run;
  try {
    run.tool_version = document.at("tool_version").get<std::string>();
    run.target = document.at("target").get<std::string>();
    run.vectors_dir = document.at("vectors_dir").get<std::string>();
    run.started_at = document.at("started_at").get<std::string>();
    run.finished_at = document.at("finished_at").get<std::string>();
    run.partial = document.at("partial").get<bool>();
    run.shard = document.value("shard", std::string());
    if (!document.at("results").is_array()) {
      throw ResultsError("results: not an array");
    }
  } catch (const json::exception& e) {
    throw ResultsError(e.what());
  }
  const json& results = document["results"];
  for (std::size_t i = 0; i < results.size(); ++i) {
    try {
      run.vectors.push_back(ReadVector(results[i]));
    } catch (const std::exception& e) {
      throw ResultsError(VectorLabel(results[i], i) + ": " + e.what());
    }
  }
  return run;
}

RunResult ReadRunResultFile(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw ResultsError(path.string() + ": cannot open");
  std::ostringstream content;
  content << file.rdbuf();
  json document = json::parse(content.str(), nullptr, false);
  if (document.is_discarded()) {
    throw ResultsError(path.string() + ": not valid JSON");
  }
  try {
    return ReadRunResult(document);
  } catch (const ResultsError& e) {
    throw ResultsError(path.string() + ": " + e.what());
  }
}

}  // namespace jwtconf::harness
