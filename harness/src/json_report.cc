// Format "jwtconf-results/1" (read back by results_reader.cc):
//   {format, tool_version, target, vectors_dir, started_at, finished_at,
//    partial, shard ("I/N" or ""), summary: {total, passed, failed, warned,
//    acceptable, skipped, errors, timeouts, crashes}, results: [{id, title,
//    category, file, requirements, level, rationale, outcome, skip_reason,
//    duration_ms, steps: [{expected: {verdict, reasons}, observed:
//    {verdict|null, reason, http_status, detail}, fetches, fetches_per_step,
//    expected_fetches, max_fetches, canary_hits, outcome}]}]}
#include "json_report.h"

namespace jwtconf::harness {
namespace {

using nlohmann::json;

json SummaryToJson(const RunResult& run) {
  RunSummary summary = run.Summary();
  return {{"total", run.vectors.size()},      {"passed", summary.passed},
          {"failed", summary.failed},         {"warned", summary.warned},
          {"acceptable", summary.acceptable}, {"skipped", summary.skipped},
          {"errors", summary.errors},         {"timeouts", summary.timeouts},
          {"crashes", summary.crashes}};
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
          {"fetches_per_step", step.fetches_per_step},
          {"canary_hits", step.canary_hits},
          {"outcome", OutcomeName(step.outcome)}};
}

json VectorToJson(const VectorResult& vector) {
  json steps = json::array();
  for (const StepResult& step : vector.steps) steps.push_back(StepToJson(step));
  json document = VectorDescriptionToJson(vector);
  document["outcome"] = OutcomeName(vector.outcome);
  document["skip_reason"] = vector.skip_reason;
  document["duration_ms"] = static_cast<double>(vector.duration.count()) / 1000;
  document["steps"] = steps;
  return document;
}

}  // namespace

json VectorDescriptionToJson(const VectorResult& vector) {
  return {{"id", vector.id},
          {"title", vector.title},
          {"category", vector.category},
          {"file", vector.file},
          {"requirements", vector.requirements},
          {"level", vector.level},
          {"rationale", vector.rationale}};
}

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
          {"shard", run.shard},
          {"summary", SummaryToJson(run)},
          {"results", results}};
}

std::string RunToJsonText(const RunResult& run) {
  return RunToJson(run).dump(2, ' ', false, json::error_handler_t::replace) +
         "\n";
}

}  // namespace jwtconf::harness
