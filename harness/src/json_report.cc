// Format "jwtconf-results/1":
//   {format, tool_version, target, vectors_dir, started_at, finished_at,
//    partial, summary: {total, passed, failed, warned, acceptable, skipped,
//    errors}, results: [{id, title, category, file, requirements, level,
//    rationale, outcome, skip_reason, duration_ms, steps: [{expected:
//    {verdict, reasons}, observed: {verdict|null, reason, http_status,
//    detail}, fetches, expected_fetches, outcome}]}]}
#include "json_report.h"

#include <cmath>
#include <stdexcept>

namespace jwtconf::harness {
namespace {

using nlohmann::json;

constexpr Verdict kVerdicts[] = {Verdict::kAccept, Verdict::kReject,
                                 Verdict::kAcceptable};
constexpr Outcome kOutcomes[] = {Outcome::kPass, Outcome::kFail,
                                 Outcome::kWarn, Outcome::kAcceptable,
                                 Outcome::kSkip, Outcome::kError};

Verdict VerdictFromName(const std::string& name) {
  for (Verdict verdict : kVerdicts) {
    if (VerdictName(verdict) == name) return verdict;
  }
  throw std::runtime_error("unknown verdict '" + name + "'");
}

Outcome OutcomeFromName(const std::string& name) {
  for (Outcome outcome : kOutcomes) {
    if (OutcomeName(outcome) == name) return outcome;
  }
  throw std::runtime_error("unknown outcome '" + name + "'");
}

json SummaryToJson(const RunResult& run) {
  RunSummary summary = run.Summary();
  return {{"total", run.vectors.size()},      {"passed", summary.passed},
          {"failed", summary.failed},         {"warned", summary.warned},
          {"acceptable", summary.acceptable}, {"skipped", summary.skipped},
          {"errors", summary.errors}};
}

json StepToJson(const StepResult& step) {
  json observed = {{"verdict", nullptr},
                   {"reason", step.observed_reason},
                   {"http_status", step.http_status},
                   {"detail", step.detail}};
  if (step.observed) observed["verdict"] = VerdictName(*step.observed);
  return {{"expected",
           {{"verdict", VerdictName(step.expected)},
            {"reasons", step.expected_reasons}}},
          {"observed", observed},
          {"fetches", step.fetches},
          {"expected_fetches", step.expected_fetches},
          {"max_fetches", step.max_fetches},
          {"outcome", OutcomeName(step.outcome)}};
}

json VectorToJson(const VectorResult& vector) {
  json steps = json::array();
  for (const StepResult& step : vector.steps) steps.push_back(StepToJson(step));
  return {{"id", vector.id},
          {"title", vector.title},
          {"category", vector.category},
          {"file", vector.file},
          {"requirements", vector.requirements},
          {"level", vector.level},
          {"rationale", vector.rationale},
          {"outcome", OutcomeName(vector.outcome)},
          {"skip_reason", vector.skip_reason},
          {"duration_ms", static_cast<double>(vector.duration.count()) / 1000},
          {"steps", steps}};
}

StepResult StepFromJson(const json& item) {
  StepResult step;
  const json& expected = item.at("expected");
  step.expected = VerdictFromName(expected.at("verdict").get<std::string>());
  step.expected_reasons =
      expected.at("reasons").get<std::vector<std::string>>();

  const json& observed = item.at("observed");
  if (!observed.at("verdict").is_null()) {
    step.observed = VerdictFromName(observed.at("verdict").get<std::string>());
  }
  step.observed_reason = observed.at("reason").get<std::string>();
  step.http_status = observed.at("http_status").get<int>();
  step.detail = observed.at("detail").get<std::string>();

  step.fetches = item.at("fetches").get<std::map<std::string, int>>();
  step.expected_fetches =
      item.at("expected_fetches").get<std::map<std::string, int>>();
  step.max_fetches = item.value("max_fetches", std::map<std::string, int>{});
  step.outcome = OutcomeFromName(item.at("outcome").get<std::string>());
  return step;
}

VectorResult VectorFromJson(const json& item) {
  VectorResult vector;
  vector.id = item.at("id").get<std::string>();
  vector.title = item.at("title").get<std::string>();
  vector.category = item.at("category").get<std::string>();
  vector.file = item.at("file").get<std::string>();
  vector.requirements = item.at("requirements").get<std::vector<std::string>>();
  vector.level = item.at("level").get<std::string>();
  vector.rationale = item.at("rationale").get<std::string>();
  vector.outcome = OutcomeFromName(item.at("outcome").get<std::string>());
  vector.skip_reason = item.at("skip_reason").get<std::string>();
  vector.duration = std::chrono::microseconds(
      std::llround(item.at("duration_ms").get<double>() * 1000));
  for (const json& step : item.at("steps")) {
    vector.steps.push_back(StepFromJson(step));
  }
  return vector;
}

}  // namespace

json RunToJson(const RunResult& run) {
  json results = json::array();
  for (const VectorResult& vector : run.vectors) {
    results.push_back(VectorToJson(vector));
  }
  return {{"format", std::string(kResultsFormat)},
          {"tool_version", run.tool_version},
          {"target", run.target},
          {"vectors_dir", run.vectors_dir},
          {"started_at", run.started_at},
          {"finished_at", run.finished_at},
          {"partial", run.partial},
          {"summary", SummaryToJson(run)},
          {"results", results}};
}

std::string RunToJsonText(const RunResult& run) {
  return RunToJson(run).dump(2, ' ', false, json::error_handler_t::replace) +
         "\n";
}

RunResult RunFromJson(const json& document) {
  if (!document.is_object() || !document.contains("format") ||
      document["format"] != std::string(kResultsFormat)) {
    throw std::runtime_error("not a " + std::string(kResultsFormat) +
                             " document");
  }
  try {
    RunResult run;
    run.tool_version = document.at("tool_version").get<std::string>();
    run.target = document.at("target").get<std::string>();
    run.vectors_dir = document.at("vectors_dir").get<std::string>();
    run.started_at = document.at("started_at").get<std::string>();
    run.finished_at = document.at("finished_at").get<std::string>();
    run.partial = document.at("partial").get<bool>();
    for (const json& item : document.at("results")) {
      run.vectors.push_back(VectorFromJson(item));
    }
    return run;
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string(kResultsFormat) + ": " + e.what());
  }
}

}  // namespace jwtconf::harness
