#include "run_command.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <regex>
#include <set>

#include "exit_codes.h"
#include "http_target.h"
#include "launcher.h"
#include "listen_address.h"
#include "report_files.h"
#include "report_text.h"
#include "rerun_selection.h"
#include "results_reader.h"
#include "run_deadline.h"
#include "runner.h"
#include "shard.h"
#include "vector_loader.h"

namespace jwtconf::harness {
namespace {

namespace fs = std::filesystem;

std::atomic<bool> g_interrupted{false};

// The first signal lets the run stop after the current vector and write a
// partial report; a second one stops the targets and exits at once.
extern "C" void OnInterrupt(int) {
  if (g_interrupted.exchange(true)) {
    StopAllLaunchedTargets();
    _exit(kExitInterrupted);
  }
}

struct RunArguments {
  std::string vectors = JWTCONF_VECTORS_DIR;
  std::string report_dir = JWTCONF_REPORTS_DIR;
  std::string launch;
  std::string attach;
  std::string token_endpoint;
  std::string issuer_listen = "127.0.0.1:0";
  std::string audience = kDefaultAudience;
  std::string filter;
  std::string rerun_failed;  // an earlier run's results.json
  std::string shard;         // "I/N" or "" for every vector
  int timeout_ms = 10000;
  int startup_timeout_ms = 20000;
  int max_wait_s = 0;
  int run_timeout_s = 3600;
  int jobs = 0;  // 0: one worker per core
  bool launch_given = false;
  bool attach_given = false;
  bool no_tls = false;
  bool verbose = false;
};

// Keeps only the vectors whose id matches `pattern`.
void Filter(VectorSuite& suite, const std::string& pattern) {
  if (pattern.empty()) return;
  std::regex matcher;
  try {
    matcher = std::regex(pattern);
  } catch (const std::regex_error& e) {
    throw CommandError("--filter: not a regular expression: " + pattern,
                       kExitUsage);
  }
  std::erase_if(suite.vectors, [&](const Vector& vector) {
    return !std::regex_search(vector.id, matcher);
  });
  if (suite.vectors.empty()) {
    throw CommandError("--filter: no vector id matches " + pattern, kExitUsage);
  }
}

// Keeps only the vectors of shard "I/N" (see shard.h), after --filter.
void SelectShard(VectorSuite& suite, const std::string& text) {
  if (text.empty()) return;
  Shard shard;
  try {
    shard = ParseShard(text);
  } catch (const std::invalid_argument& e) {
    throw CommandError(std::string("--shard: ") + e.what(), kExitUsage);
  }
  std::vector<std::string> ids;
  for (const Vector& vector : suite.vectors) ids.push_back(vector.id);
  const std::set<std::string> selected = ShardIds(ids, shard);
  if (selected.empty()) {
    throw CommandError("--shard " + text + ": only " +
                           std::to_string(ids.size()) +
                           " vectors, this shard would be empty",
                       kExitUsage);
  }
  std::erase_if(suite.vectors, [&](const Vector& vector) {
    return !selected.contains(vector.id);
  });
}

// Keeps only the vectors that failed in an earlier run's results.json.
// Returns false when that run had nothing to rerun.
bool KeepRerunVectors(VectorSuite& suite, const std::string& report) {
  RunResult previous;
  try {
    previous = ReadRunResultFile(report);
  } catch (const ResultsError& e) {
    throw CommandError(std::string("--rerun-failed: ") + e.what(), kExitUsage);
  }
  RerunSelection selection = KeepFailedVectors(suite, previous);
  if (!selection.missing.empty()) {
    std::cerr << "jwtconf: warning: --rerun-failed: "
              << selection.missing.size()
              << " failed vector(s) are no longer in the suite, skipped:";
    for (const std::string& id : selection.missing) std::cerr << " " << id;
    std::cerr << "\n";
  }
  if (selection.failed == 0) {
    std::cerr << "jwtconf: --rerun-failed: " << report
              << " has no fail, error, timeout or crash; nothing to rerun\n";
    return false;
  }
  if (suite.vectors.empty()) {
    throw CommandError("--rerun-failed: none of the failed vectors of " +
                           report + " is in the suite",
                       kExitUsage);
  }
  return true;
}

void PrintProblem(const VectorResult& vector) {
  for (const StepResult& step : vector.steps) {
    if (step.outcome == Outcome::kPass ||
        step.outcome == Outcome::kAcceptable) {
      continue;
    }
    std::cerr << OutcomeName(step.outcome) << " " << vector.id << " ["
              << vector.requirements.front() << "]: expected "
              << ExpectedText(step) << ", observed " << ObservedText(step);
    if (!step.detail.empty()) std::cerr << ": " << step.detail;
    std::cerr << "\n";
  }
}

void PrintProgress(const VectorResult& vector, std::size_t done,
                   std::size_t total, bool verbose) {
  const bool problem =
      vector.outcome == Outcome::kFail || vector.outcome == Outcome::kError ||
      vector.outcome == Outcome::kWarn || vector.outcome == Outcome::kTimeout ||
      vector.outcome == Outcome::kCrash;
  static const bool tty = isatty(STDERR_FILENO);
  if (tty) std::cerr << "\r\033[K";
  if (problem) PrintProblem(vector);
  if (verbose && !problem) {
    std::cerr << OutcomeName(vector.outcome) << " " << vector.id;
    if (!vector.skip_reason.empty()) std::cerr << ": " << vector.skip_reason;
    std::cerr << "\n";
  }
  if (tty) {
    std::cerr << "[" << done << "/" << total << "] " << vector.id << std::flush;
  } else if (done % 25 == 0 || done == total) {
    std::cerr << "[" << done << "/" << total << "]\n";
  }
  if (tty && done == total) std::cerr << "\r\033[K";
}

void PrintSummary(const RunResult& run, const fs::path& report_dir) {
  RunSummary summary = run.Summary();
  std::cout << "target: " << run.target << "\n"
            << "vectors: " << run.vectors.size() << " from " << run.vectors_dir
            << (run.partial ? " (interrupted)" : "") << "\n"
            << "outcomes: " << summary.passed << " pass, " << summary.acceptable
            << " acceptable, " << summary.warned << " warn, " << summary.failed
            << " fail, " << summary.errors << " error, " << summary.timeouts
            << " timeout, " << summary.crashes << " crash, " << summary.skipped
            << " skip\n"
            << "reports: " << (report_dir / "results.json").string() << ", "
            << (report_dir / "junit.xml").string() << ", "
            << (report_dir / "report.md").string() << "\n"
            << summary.passed + summary.acceptable + summary.warned
            << " passed, " << summary.Failures() << " failed, "
            << summary.skipped << " skipped\n";
}

// Usage errors in the target options, found before any work is done.
void CheckTargetOptions(const RunArguments& arguments) {
  if (arguments.launch_given && arguments.attach_given) {
    throw CommandError("--launch and --attach exclude each other", kExitUsage);
  }
  // An empty command (a shell variable that expanded to nothing) must not
  // quietly test the in-process reference instead.
  if (arguments.launch_given && arguments.launch.empty()) {
    throw CommandError("--launch: the command is empty", kExitUsage);
  }
  if (arguments.attach_given) {
    try {
      HttpTarget probe(arguments.attach, std::chrono::milliseconds(1), "");
    } catch (const std::invalid_argument& e) {
      throw CommandError(std::string("--attach: ") + e.what(), kExitUsage);
    }
  }
  if (arguments.launch_given) {
    RunOptions launch;
    launch.launch_command = arguments.launch;
    try {
      CheckLaunchCommand(launch);
    } catch (const std::invalid_argument& e) {
      throw CommandError(std::string("--launch: ") + e.what(), kExitUsage);
    }
  }
}

int Run(const RunArguments& arguments) {
  CheckTargetOptions(arguments);
  VectorSuite suite;
  try {
    suite = LoadVectorSuite(arguments.vectors);
  } catch (const VectorError& e) {
    throw CommandError(std::string("bad vectors: ") + e.what(), kExitUsage);
  }
  if (!arguments.rerun_failed.empty() &&
      !KeepRerunVectors(suite, arguments.rerun_failed)) {
    return kExitOk;
  }
  Filter(suite, arguments.filter);
  SelectShard(suite, arguments.shard);

  const fs::path report_dir = arguments.report_dir;
  std::error_code error;
  fs::create_directories(report_dir, error);
  if (error) {
    throw CommandError("cannot create report folder " + report_dir.string() +
                           ": " + error.message(),
                       kExitUsage);
  }

  RunOptions options;
  options.kind = !arguments.launch.empty()   ? TargetKind::kLaunch
                 : !arguments.attach.empty() ? TargetKind::kAttach
                                             : TargetKind::kInProcess;
  options.launch_command = arguments.launch;
  options.attach_url = arguments.attach;
  // HTTP-7: token endpoint vectors need its path on the target's host.
  if (!arguments.token_endpoint.empty()) {
    if (options.kind == TargetKind::kInProcess) {
      throw CommandError("--token-endpoint needs --launch or --attach",
                         kExitUsage);
    }
    if (arguments.token_endpoint.front() != '/') {
      throw CommandError("--token-endpoint: a path starting with '/'",
                         kExitUsage);
    }
  }
  options.token_endpoint_path = arguments.token_endpoint;
  ListenAddress listen = ParseLoopbackListenAddress(arguments.issuer_listen);
  options.issuer_host = listen.host;
  options.issuer_port = listen.port;
  options.audience = arguments.audience;
  options.request_timeout = std::chrono::milliseconds(arguments.timeout_ms);
  options.startup_timeout =
      std::chrono::milliseconds(arguments.startup_timeout_ms);
  options.max_wait = std::chrono::seconds(arguments.max_wait_s);
  options.jobs = static_cast<std::size_t>(arguments.jobs);
  options.target_log = (report_dir / "target.log").string();
  // TODO(harness): an attached server is already running and cannot trust a
  // CA made for this run, so --attach runs plain http; a reusable CA
  // (--issuer-ca) would let it be tested over https too.
  options.tls = !arguments.no_tls && options.kind != TargetKind::kAttach;
  options.ca_file = (report_dir / "issuer-ca.pem").string();
  options.interrupted = &g_interrupted;
  options.progress = [&](const VectorResult& vector, std::size_t done,
                         std::size_t total) {
    PrintProgress(vector, done, total, arguments.verbose);
  };
  options.issuer_ready = [&](const std::string& url) {
    if (options.kind == TargetKind::kAttach) {
      std::cerr << "mock issuer: " << url << " (configure the target with it)"
                << "\n";
    }
  };

  // A partial report first: it proves the folder is writable before any
  // work, and replaces an earlier run's reports should this one die.
  RunResult placeholder;
  placeholder.tool_version = JWTCONF_VERSION;
  placeholder.target = TargetName(options);
  placeholder.vectors_dir = suite.root;
  placeholder.partial = true;
  placeholder.shard = arguments.shard;
  try {
    WriteReports(placeholder, report_dir);
  } catch (const std::exception& e) {
    throw CommandError(std::string("cannot write reports: ") + e.what(),
                       kExitUsage);
  }

  g_interrupted = false;
  signal(SIGINT, OnInterrupt);
  signal(SIGTERM, OnInterrupt);
  RunResult run;
  bool run_timed_out = false;
  try {
    const RunDeadline deadline(std::chrono::seconds(arguments.run_timeout_s),
                               g_interrupted);
    run = RunVectors(suite, options);
    run_timed_out = deadline.expired();
  } catch (const std::exception& e) {
    throw CommandError(std::string("run failed: ") + e.what(), kExitRunFailed);
  }
  run.tool_version = JWTCONF_VERSION;
  run.shard = arguments.shard;
  try {
    WriteReports(run, report_dir);
  } catch (const std::exception& e) {
    throw CommandError(std::string("cannot write reports: ") + e.what(),
                       kExitRunFailed);
  }
  PrintSummary(run, report_dir);
  if (run_timed_out) {
    std::cerr << "jwtconf: the run took longer than --run-timeout "
              << arguments.run_timeout_s
              << " s; stopped, the report is partial\n";
    return kExitRunTimedOut;
  }
  if (run.partial) return kExitInterrupted;
  RunSummary summary = run.Summary();
  // A run in which no vector could run tested nothing: not a success.
  if (summary.skipped == static_cast<int>(run.vectors.size())) {
    std::cerr << "jwtconf: every vector was skipped; nothing was tested\n";
    return kExitMismatch;
  }
  return summary.Failures() == 0 ? kExitOk : kExitMismatch;
}

}  // namespace

void AddRunCommand(CLI::App& app) {
  auto arguments = std::make_shared<RunArguments>();
  CLI::App* run = app.add_subcommand(
      "run", "Run the test vectors against a verifier and write reports");
  run->add_option("--vectors", arguments->vectors, "Vectors folder")
      ->capture_default_str();
  run->add_option("--report-dir", arguments->report_dir,
                  "Where results.json, junit.xml and report.md go")
      ->capture_default_str();
  run->add_option("--launch", arguments->launch,
                  "Start the implementation under test from this command; "
                  "placeholders {issuer} {audience} {port} {leeway} {ca_file}");
  run->add_option("--attach", arguments->attach,
                  "Test a running resource server at http://HOST:PORT[/path]");
  run->add_option("--token-endpoint", arguments->token_endpoint,
                  "Path of the target's RFC 7523 token endpoint (e.g. "
                  "/token); without it, token endpoint vectors are skipped");
  run->add_option("--issuer-listen", arguments->issuer_listen,
                  "Loopback HOST:PORT for the embedded mock issuer")
      ->capture_default_str();
  run->add_option("--audience", arguments->audience,
                  "Audience the target is configured with")
      ->capture_default_str();
  run->add_option("--shard", arguments->shard,
                  "Run slice I of N (I/N) of the vectors, after --filter: "
                  "sorted ids dealt round-robin");
  run->add_option("--filter", arguments->filter,
                  "Run only vectors whose id matches this regular expression");
  run->add_option("--rerun-failed", arguments->rerun_failed,
                  "Run only the vectors whose outcome in this earlier "
                  "results.json was fail, error, timeout or crash");
  run->add_option("--timeout-ms", arguments->timeout_ms,
                  "Per-request timeout for targets over HTTP")
      ->check(CLI::Range(1, 600000))
      ->capture_default_str();
  run->add_option("--startup-timeout-ms", arguments->startup_timeout_ms,
                  "How long a launched target may take to listen")
      ->check(CLI::Range(1, 600000))
      ->capture_default_str();
  run->add_option("--max-wait", arguments->max_wait_s,
                  "Over HTTP, run vectors whose steps move the clock by up "
                  "to this many seconds by really waiting")
      ->check(CLI::Range(0, kMaxWaitSeconds))
      ->capture_default_str();
  run->add_option("--run-timeout", arguments->run_timeout_s,
                  "Stop the whole run after this many seconds and write a "
                  "partial report (exit 4)")
      ->check(CLI::Range(1, 7 * 24 * 3600))
      ->capture_default_str();
  run->add_option("--jobs", arguments->jobs,
                  "Vectors run side by side, each worker with its own mock "
                  "issuer and launched targets (0: one per core; --attach "
                  "and a fixed --issuer-listen port run one)")
      ->check(CLI::Range(0, kMaxJobs))
      ->capture_default_str();
  run->add_flag("--no-tls", arguments->no_tls,
                "Serve the mock issuer over plain http (for targets that "
                "cannot be given a CA); TLS vectors are skipped");
  run->add_flag("--verbose", arguments->verbose, "Print every vector");
  run->callback([arguments, run] {
    arguments->launch_given = run->count("--launch") > 0;
    arguments->attach_given = run->count("--attach") > 0;
    ExitWith(Run(*arguments));
  });
}

}  // namespace jwtconf::harness
