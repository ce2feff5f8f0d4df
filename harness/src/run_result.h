// What a run produced: the input of every report writer.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jwtconf::harness {

enum class Verdict { kAccept, kReject, kAcceptable };
// kTimeout: no complete answer within the per-request timeout; kCrash: a
// launched target died during the step. Both count as failures.
enum class Outcome {
  kPass,
  kFail,
  kWarn,
  kAcceptable,
  kSkip,
  kError,
  kTimeout,
  kCrash
};

std::string_view VerdictName(Verdict verdict);  // "accept", ...
std::string_view OutcomeName(Outcome outcome);  // "pass", "fail", ...

// Every verdict and outcome, in declaration order: a new enumerator goes
// here too, so that reading names back and per-outcome tables cover it.
inline constexpr std::array kAllVerdicts = {Verdict::kAccept, Verdict::kReject,
                                            Verdict::kAcceptable};
inline constexpr std::array kAllOutcomes = {
    Outcome::kPass, Outcome::kFail,  Outcome::kWarn,    Outcome::kAcceptable,
    Outcome::kSkip, Outcome::kError, Outcome::kTimeout, Outcome::kCrash};

// The inverse of VerdictName / OutcomeName; nullopt for an unknown name.
std::optional<Verdict> VerdictFromName(std::string_view name);
std::optional<Outcome> OutcomeFromName(std::string_view name);

// What one step of a vector observed at the target.
struct StepResult {
  Verdict expected = Verdict::kAccept;
  std::vector<std::string> expected_reasons;  // any of these, for reject
  std::optional<Verdict> observed;            // unset on error or skip
  std::string observed_reason;  // reason code, when the target exposes one
  std::string detail;           // message, HTTP status line, or error text
  int http_status = 0;          // over HTTP only
  // Mock issuer requests: "discovery", "jwks" and other paths of the
  // issuer ("/x.json"). Counts so far in the vector when the vector has an
  // issuer of its own; over the step alone (fetches_per_step) for the run's
  // shared issuer, whose counts are then shown, not judged.
  std::map<std::string, int> fetches;
  bool fetches_per_step = false;
  std::map<std::string, int> expected_fetches;  // exact counts
  std::map<std::string, int> max_fetches;       // upper bounds
  // Requests that reached the SSRF canary during the step, as request lines
  // ("GET /x HTTP/1.1 from 127.0.0.1:41234"); any fails the step.
  std::vector<std::string> canary_hits;
  Outcome outcome = Outcome::kPass;
};

struct VectorResult {
  std::string id;
  std::string title;
  std::string category;
  std::string file;  // vector file, relative to the vectors folder
  std::vector<std::string> requirements;  // first is the primary one
  std::string level;                      // of the primary requirement
  std::string rationale;
  std::vector<StepResult> steps;
  Outcome outcome = Outcome::kPass;  // the vector's overall outcome
  std::string skip_reason;           // for kSkip
  std::chrono::microseconds duration{0};
};

struct RunSummary {
  int passed = 0;
  int failed = 0;
  int warned = 0;
  int acceptable = 0;
  int skipped = 0;
  int errors = 0;
  int timeouts = 0;
  int crashes = 0;

  // Vectors that count against the target: a wrong verdict, or none at all.
  int Failures() const { return failed + errors + timeouts + crashes; }
};

struct RunResult {
  std::string tool_version;
  std::string target;  // "reference (in-process)", launch command, URL
  std::string vectors_dir;
  std::string started_at;  // RFC 3339, UTC
  std::string finished_at;
  bool partial = false;  // interrupted before every vector ran
  std::string shard;     // "I/N" when only shard I of N ran, else empty
  std::vector<VectorResult> vectors;

  RunSummary Summary() const;
};

}  // namespace jwtconf::harness
