// Runs a vector suite against one target: the in-process reference, an
// implementation the harness launches, or one it attaches to.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "run_result.h"
#include "vector_model.h"

namespace jwtconf::harness {

// The in-process clock: 2026-01-01T00:00:00Z (`${now}` in vectors).
inline constexpr std::int64_t kFixedNow = 1767225600;
inline constexpr char kDefaultAudience[] = "https://rs.jwtconf.test";
inline constexpr int kProfileLeewaySeconds = 60;
inline constexpr int kMaxWaitSeconds = 3600;
// Each worker may have two launched targets alive, and the launcher tracks
// 64 process groups for a second interrupt to kill.
inline constexpr int kMaxJobs = 32;

enum class TargetKind { kInProcess, kLaunch, kAttach };

struct RunOptions {
  TargetKind kind = TargetKind::kInProcess;
  std::string launch_command;  // kLaunch: template with {issuer}, {port}, ...
  std::string attach_url;      // kAttach: http://HOST:PORT[/path]
  // kLaunch, kAttach: path of the target's RFC 7523 token endpoint on its
  // host and port ("" for none: token endpoint vectors are skipped).
  std::string token_endpoint_path;
  std::string issuer_host = "127.0.0.1";  // the embedded mock issuer
  int issuer_port = 0;
  // The mock issuer serves https with a CA made for the run, written to
  // `ca_file` ({ca_file} of launch templates); false: plain http.
  bool tls = true;
  std::string ca_file;
  std::string audience = kDefaultAudience;
  std::chrono::milliseconds request_timeout{10000};
  std::chrono::milliseconds startup_timeout{20000};
  // Targets over HTTP run a vector whose steps move the clock by really
  // waiting, when the vector's total is at most this.
  std::chrono::seconds max_wait{0};  // at most kMaxWaitSeconds
  std::string target_log;            // launched targets' stdout and stderr
  // Workers running vectors side by side (0: one per core). Each has its
  // own mock issuer listeners and, with kLaunch, its own launched targets;
  // results keep the suite's order. kAttach and a fixed issuer_port always
  // run one worker.
  std::size_t jobs = 0;
  const std::atomic<bool>* interrupted = nullptr;
  // Called after each vector, by one worker at a time; `done` counts
  // vectors run so far.
  std::function<void(const VectorResult&, std::size_t done, std::size_t total)>
      progress;
  // Called once the mock issuer listens, with the shared issuer URL (the
  // first worker's).
  std::function<void(const std::string& issuer_url)> issuer_ready;
};

// Throws std::runtime_error when the run cannot start (mock issuer cannot
// bind); per-vector problems, including a launched target that never
// listens or dies, become outcomes in the result.
RunResult RunVectors(const VectorSuite& suite, const RunOptions& options);

// Throws std::invalid_argument when the launch command names a placeholder
// the runner does not fill.
void CheckLaunchCommand(const RunOptions& options);

// Display name of the target for reports.
std::string TargetName(const RunOptions& options);

}  // namespace jwtconf::harness
