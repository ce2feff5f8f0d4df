// What a run produced: the input of every report writer.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jwtconf::harness {

enum class Verdict { kAccept, kReject, kAcceptable };
enum class Outcome { kPass, kFail, kWarn, kAcceptable, kSkip, kError };

std::string_view VerdictName(Verdict verdict);  // "accept", ...
std::string_view OutcomeName(Outcome outcome);  // "pass", "fail", ...

// What one step of a vector observed at the target.
struct StepResult {
  Verdict expected = Verdict::kAccept;
  std::vector<std::string> expected_reasons;  // any of these, for reject
  std::optional<Verdict> observed;            // unset on error or skip
  std::string observed_reason;  // reason code, when the target exposes one
  std::string detail;           // message, HTTP status line, or error text
  int http_status = 0;          // over HTTP only
  std::map<std::string, int> fetches;  // "discovery"/"jwks": counts so far
  std::map<std::string, int> expected_fetches;  // exact counts
  std::map<std::string, int> max_fetches;       // upper bounds
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
};

struct RunResult {
  std::string tool_version;
  std::string target;  // "reference (in-process)", launch command, URL
  std::string vectors_dir;
  std::string started_at;  // RFC 3339, UTC
  std::string finished_at;
  bool partial = false;  // interrupted before every vector ran
  std::vector<VectorResult> vectors;

  RunSummary Summary() const;
};

}  // namespace jwtconf::harness
