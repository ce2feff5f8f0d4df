#include "runner.h"

#include <algorithm>
#include <ctime>
#include <exception>
#include <memory>
#include <optional>
#include <random>
#include <thread>

#include "http_request.h"
#include "http_target.h"
#include "in_process_target.h"
#include "issuer_setup.h"
#include "judge.h"
#include "jwtconf/mock_idp/issuer_server.h"
#include "jwtconf/reference/clock.h"
#include "key_pool.h"
#include "launcher.h"
#include "tls_listeners.h"
#include "token_builder.h"
#include "vector_dealer.h"

namespace jwtconf::harness {
namespace {

constexpr char kSharedIssuer[] = "suite";
// A launched target that died is restarted once; after its second death,
// or its second failed start in a row, the vectors left are not run.
constexpr int kMaxDeaths = 2;
constexpr int kMaxFailedStarts = 2;
// How long a target that stopped answering gets to finish exiting.
constexpr std::chrono::milliseconds kExitWait{500};

std::string Rfc3339Now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// The JWK Set path is random per run: a verifier must use jwks_uri.
std::string RandomJwksPath() {
  std::random_device random;
  std::uniform_int_distribution<std::uint32_t> digits;
  char text[32];
  std::snprintf(text, sizeof(text), "/jwks-%08x.json", digits(random));
  return text;
}

// ${nonce}: random per vector, so assertions of one run never share a jti
// with another run's (JWT-8) at a long-lived target.
std::string RandomNonce() {
  std::random_device random;
  std::uniform_int_distribution<std::uint64_t> digits;
  char text[40];
  std::snprintf(text, sizeof(text), "%016llx%016llx",
                static_cast<unsigned long long>(digits(random)),
                static_cast<unsigned long long>(digits(random)));
  return text;
}

std::int64_t Seconds(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(
             time.time_since_epoch())
      .count();
}

std::map<std::string, int> CountsOf(const FetchCounts& counts) {
  std::map<std::string, int> all = counts.paths;
  all["discovery"] = counts.discovery;
  all["jwks"] = counts.jwks;
  return all;
}

// The requests of `after` that `before` had not seen yet.
std::map<std::string, int> CountsSince(const FetchCounts& before,
                                       const FetchCounts& after) {
  std::map<std::string, int> delta = CountsOf(after);
  for (const auto& [name, count] : CountsOf(before)) delta[name] -= count;
  return delta;
}

std::vector<std::string> RequestLines(
    const std::vector<mockidp::RequestRecord>& records) {
  std::vector<std::string> lines;
  for (const auto& record : records) {
    lines.push_back(mockidp::RequestLine(record));
  }
  return lines;
}

mockidp::ServerOptions ServerOptionsFor(const RunOptions& options) {
  mockidp::ServerOptions server;
  server.host = options.issuer_host;
  server.port = options.issuer_port;
  return server;
}

// The values of the launch template's placeholders.
std::map<std::string, std::string> LaunchValues(const RunOptions& options,
                                                const std::string& issuer,
                                                int port) {
  return {{"issuer", issuer},
          {"audience", options.audience},
          {"port", std::to_string(port)},
          {"leeway", std::to_string(kProfileLeewaySeconds)},
          {"ca_file", options.tls ? options.ca_file : ""}};
}

// How many workers run vectors side by side: --jobs (0: one per core), at
// most one per vector. Attaching tests one server at one fixed issuer
// address, and a fixed --issuer-listen port can be bound only once, so
// those runs have a single worker.
std::size_t WorkerCount(const RunOptions& options, std::size_t vectors) {
  if (options.kind == TargetKind::kAttach || options.issuer_port != 0) {
    return 1;
  }
  std::size_t jobs = options.jobs;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  return std::clamp<std::size_t>(jobs, 1, std::max<std::size_t>(vectors, 1));
}

// Generates the pool's keys on background threads, slowest first, while the
// workers start: RSA key generation is the largest cost of a run's start.
// Keys stay fresh per run. A key that fails here is generated again, and its
// error reported, by the vector that needs it. Destruction stops handing out
// keys and waits for the ones being generated.
class KeyWarmup {
 public:
  KeyWarmup(KeyPool& keys, std::size_t threads)
      : keys_(keys), names_(keys.NamesSlowestFirst()) {
    for (std::size_t i = 0; i < threads; ++i) {
      threads_.emplace_back([this](std::stop_token stop) { Generate(stop); });
    }
  }

 private:
  void Generate(const std::stop_token& stop) {
    for (std::size_t i = next_++; i < names_.size() && !stop.stop_requested();
         i = next_++) {
      try {
        keys_.Key(names_[i]);
      } catch (const std::exception&) {
        // Left for the vector that uses the key to report.
      }
    }
  }

  KeyPool& keys_;
  const std::vector<std::string> names_;
  std::atomic<std::size_t> next_{0};
  std::vector<std::jthread> threads_;  // last: joined before the rest goes
};

// One worker of a run: its own mock issuer listeners (own loopback ports),
// shared issuer and launched targets, so that workers running side by side
// share nothing but the read-only suite and the key pool.
class SuiteRunner {
 public:
  SuiteRunner(const VectorSuite& suite, const RunOptions& options,
              KeyPool& keys, const std::optional<mockidp::TestPki>& pki)
      : suite_(suite),
        options_(options),
        listeners_(ServerOptionsFor(options), pki),
        server_(listeners_.main()),
        keys_(keys),
        jwks_path_(RandomJwksPath()) {}

  // Starts the listeners and publishes the shared issuer. Throws
  // std::runtime_error when the listeners cannot start.
  void Start() {
    listeners_.Start(options_.ca_file);
    shared_issuer_.emplace(server_, kSharedIssuer, nullptr, keys_,
                           suite_.default_issuer_keys, jwks_path_);
    shared_issuer_->SetCanary(listeners_.CanaryOrigin(),
                              listeners_.CanaryHttpOrigin());
    shared_issuer_->Publish(options_.audience, Seconds(SystemClock().Now()));
  }

  const std::string& SharedIssuerUrl() const {
    return shared_issuer_->identifier();
  }

  // Runs the vectors `dealer` hands out until it has none left.
  void RunDealt(VectorDealer& dealer) {
    while (const std::optional<std::size_t> index = dealer.Next()) {
      const Vector& vector = suite_.vectors[*index];
      auto started = std::chrono::steady_clock::now();
      VectorResult result = Describe(vector);
      RunOne(vector, result);
      result.duration = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - started);
      dealer.Finish(*index, std::move(result));
    }
  }

  void Stop() {
    shared_target_.reset();
    shared_process_.reset();
    listeners_.Stop();
  }

 private:
  VectorResult Describe(const Vector& vector) const {
    VectorResult result;
    result.id = vector.id;
    result.title = vector.title;
    result.category = vector.category;
    result.file = vector.file;
    result.requirements = vector.requirements;
    result.level = suite_.requirements.at(vector.requirements.front()).level;
    result.rationale = vector.rationale;
    return result;
  }

  // Why a vector cannot run against a target over HTTP, or "".
  std::string SkipReason(const Vector& vector) const {
    // Vectors about certificates need the https listeners.
    if (!options_.tls &&
        (vector.issuer.contains("tls") || vector.Needs("https"))) {
      return "needs https issuers (not with --no-tls or --attach)";
    }
    if (options_.kind == TargetKind::kInProcess) return "";
    // HTTP-7: the in-process reference always has a token endpoint.
    if (UsesTokenEndpoint(vector) && options_.token_endpoint_path.empty()) {
      return "needs an RFC 7523 token endpoint; name its path with "
             "--token-endpoint";
    }
    if (!vector.verifier.is_null()) {
      return "needs a per-vector verifier profile";
    }
    if (vector.Needs("fixed_clock")) {
      return "needs control of the target's clock";
    }
    std::int64_t wait = 0;
    for (const Step& step : vector.steps) wait += step.advance_seconds;
    if (wait > options_.max_wait.count()) {
      const std::string how =
          wait <= kMaxWaitSeconds
              ? "; allow it with --max-wait " + std::to_string(wait)
              : ", more than a run may wait";
      return "moves the clock by " + std::to_string(wait) + " s" + how;
    }
    if (options_.kind == TargetKind::kAttach && !vector.UsesDefaultIssuer()) {
      return "needs an issuer of its own; use --launch";
    }
    return "";
  }

  void RunOne(const Vector& vector, VectorResult& result) {
    if (std::string reason = SkipReason(vector); !reason.empty()) {
      result.outcome = Outcome::kSkip;
      result.skip_reason = reason;
      return;
    }
    try {
      RunSteps(vector, result);
      result.outcome = CombineOutcomes(result.steps);
    } catch (const std::exception& e) {
      result.outcome = Outcome::kError;
      StepResult error;
      const Step& failed =
          vector.steps[std::min(result.steps.size(), vector.steps.size() - 1)];
      error.expected = failed.expect;
      error.expected_reasons = failed.reasons;
      error.outcome = Outcome::kError;
      error.detail = e.what();
      result.steps.push_back(error);
      // JWS-6, DISC-1: a step that broke off is checked all the same.
      JudgeCanary(result.steps.back(),
                  RequestLines(listeners_.TakeCanaryRequests()),
                  vector.requirements);
    }
  }

  void RunSteps(const Vector& vector, VectorResult& result) {
    const bool in_process = options_.kind == TargetKind::kInProcess;
    const bool shared = !in_process && vector.UsesDefaultIssuer();
    FixedClock fixed_clock{TimePoint(std::chrono::seconds(kFixedNow))};
    SystemClock system_clock;
    const Clock& clock =
        in_process ? static_cast<const Clock&>(fixed_clock) : system_clock;

    std::optional<PublishedIssuer> own_issuer;
    if (!shared) {
      server_.ClearIssuer(vector.id);
      own_issuer.emplace(server_, vector.id, vector.issuer, keys_,
                         suite_.default_issuer_keys, jwks_path_,
                         listeners_.Origin(vector.issuer, "issuer"),
                         listeners_.Origin(vector.issuer, "jwks"));
      own_issuer->SetCanary(listeners_.CanaryOrigin(),
                            listeners_.CanaryHttpOrigin());
      own_issuer->Publish(options_.audience, Seconds(clock.Now()));
    }
    PublishedIssuer& issuer = shared ? *shared_issuer_ : *own_issuer;

    std::unique_ptr<Target> own_target;
    std::unique_ptr<LaunchedProcess> own_process;
    LaunchedProcess* own_target_process = nullptr;
    Target* target = nullptr;
    if (in_process) {
      own_target = std::make_unique<InProcessTarget>(
          issuer.identifier(), options_.audience, vector.verifier, clock,
          options_.tls ? options_.ca_file : "");
      target = own_target.get();
    } else if (shared) {
      target = &SharedTarget();
    } else {
      int port = FreeLoopbackPort();
      own_process = Launch(issuer.identifier(), port);
      own_target_process = own_process.get();
      own_target = std::make_unique<HttpTarget>(
          "http://127.0.0.1:" + std::to_string(port), options_.request_timeout,
          options_.token_endpoint_path);
      target = own_target.get();
    }
    const std::string nonce = RandomNonce();
    const bool token_endpoint = UsesTokenEndpoint(vector);

    // A vector's own issuer counts its target's requests alone (a target is
    // launched per such vector); the shared issuer's counts are the step's
    // share, shown but not judged.
    JudgeRules rules{.compare_reasons = in_process,
                     .compare_fetches = !shared,
                     .level = result.level};
    for (const Step& step : vector.steps) {
      if (!step.publish.empty() || !step.retire.empty()) {
        issuer.ChangeKeys(step.publish, step.retire);
      }
      if (!step.heal.empty()) issuer.Heal(step.heal);
      fixed_clock.Advance(std::chrono::seconds(step.advance_seconds));
      if (!in_process) WaitFor(std::chrono::seconds(step.advance_seconds));
      issuer.Publish(options_.audience, Seconds(clock.Now()));
      TokenContext context{
          issuer.Values(options_.audience, Seconds(clock.Now())),
          issuer.PublishedKids()};
      context.values.nonce = nonce;
      if (token_endpoint) {
        context.values.token_endpoint = target->TokenEndpointUrl();
      }
      Delivery delivery{.token = BuildToken(step.token, keys_, context)};
      if (NeedsHttp(step)) {
        delivery.http =
            ExpandRequest(step.request, delivery.token, context.values);
      }
      // The shared issuer's log spans the run: its step share is a delta.
      const FetchCounts before = shared ? issuer.Fetches() : FetchCounts{};
      Observation observation =
          shared ? SendShared(delivery)
          : own_target_process
              ? SendLaunched(*target, *own_target_process, delivery)
              : target->Send(delivery);
      const std::map<std::string, int> fetches =
          shared ? CountsSince(before, issuer.Fetches())
                 : CountsOf(issuer.Fetches());
      StepResult judged = JudgeStep(step, observation, fetches, rules);
      judged.fetches_per_step = shared;
      // JWS-6, DISC-1: after every step, whatever the verdict.
      JudgeCanary(judged, RequestLines(listeners_.TakeCanaryRequests()),
                  vector.requirements);
      result.steps.push_back(std::move(judged));
    }
  }

  Observation SendShared(const Delivery& delivery) {
    Target& target = SharedTarget();
    if (options_.kind != TargetKind::kLaunch) return target.Send(delivery);
    Observation observation = SendLaunched(target, *shared_process_, delivery);
    // A target that took no connection and is gone died before the step,
    // between vectors: it is relaunched (once) and the step sent again.
    if (observation.crashed && observation.refused) {
      return SendLaunched(SharedTarget(), *shared_process_, delivery);
    }
    return observation;
  }

  // Sends to a launched target. When it gave no answer because it died, the
  // step is a crash naming how it ended, and its exit is awaited so that the
  // next vector relaunches it instead of erring against a process that is
  // still going down.
  Observation SendLaunched(Target& target, LaunchedProcess& process,
                           const Delivery& delivery) {
    Observation observation = target.Send(delivery);
    // Only a target that gave no answer at all may be going down.
    if (observation.verdict || observation.http_status != 0 ||
        !observation.not_sent.empty()) {
      return observation;
    }
    // One that timed out was alive long enough not to need the wait.
    const auto until =
        std::chrono::steady_clock::now() +
        (observation.timed_out ? std::chrono::milliseconds(0) : kExitWait);
    while (process.Running() && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!process.Running()) {
      observation.crashed = true;
      observation.detail = "target " + process.ExitDescription() +
                           " during the step (" + observation.detail + ")";
    }
    return observation;
  }

  // Real time passing for a target whose clock the harness cannot move;
  // an interrupted run stops waiting.
  void WaitFor(std::chrono::seconds duration) const {
    const auto deadline = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < deadline) {
      if (options_.interrupted && options_.interrupted->load()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  // A target that failed to start twice in a row is not launched again:
  // the vectors left get an error at once instead of a startup wait each.
  std::unique_ptr<LaunchedProcess> Launch(const std::string& issuer_url,
                                          int port) {
    if (failed_starts_ >= kMaxFailedStarts) {
      throw std::runtime_error(
          "not run: " + last_start_problem_ + "; not launched again after " +
          std::to_string(failed_starts_) + " failed starts");
    }
    const std::string command = ExpandTemplate(
        options_.launch_command, LaunchValues(options_, issuer_url, port));
    try {
      auto process = std::make_unique<LaunchedProcess>(
          command, port, options_.target_log, options_.startup_timeout,
          options_.interrupted);
      failed_starts_ = 0;
      return process;
    } catch (const std::runtime_error& e) {
      ++failed_starts_;
      last_start_problem_ = e.what();
      throw;
    }
  }

  // One long-lived target for the vectors of the shared default issuer,
  // relaunched once when it has died.
  Target& SharedTarget() {
    if (options_.kind == TargetKind::kAttach) {
      if (!shared_target_) {
        shared_target_ = std::make_unique<HttpTarget>(
            options_.attach_url, options_.request_timeout,
            options_.token_endpoint_path);
      }
      return *shared_target_;
    }
    if (shared_process_ && shared_process_->Running()) return *shared_target_;
    if (shared_process_) {
      ++shared_deaths_;
      last_death_ = shared_process_->ExitDescription();
      shared_process_.reset();
    }
    if (shared_deaths_ >= kMaxDeaths) {
      throw std::runtime_error(
          "not run: the target died " + std::to_string(shared_deaths_) +
          " times (last " + last_death_ + "); not relaunched");
    }
    int port = FreeLoopbackPort();
    shared_process_ = Launch(shared_issuer_->identifier(), port);
    shared_target_ = std::make_unique<HttpTarget>(
        "http://127.0.0.1:" + std::to_string(port), options_.request_timeout,
        options_.token_endpoint_path);
    return *shared_target_;
  }

  const VectorSuite& suite_;
  const RunOptions& options_;
  IssuerListeners listeners_;
  mockidp::IssuerServer& server_;  // the main listener
  KeyPool& keys_;                  // shared by all workers
  std::string jwks_path_;
  std::optional<PublishedIssuer> shared_issuer_;
  std::unique_ptr<LaunchedProcess> shared_process_;
  std::unique_ptr<Target> shared_target_;
  int shared_deaths_ = 0;
  std::string last_death_;  // how the shared target last ended
  int failed_starts_ = 0;   // in a row
  std::string last_start_problem_;
};

}  // namespace

void CheckLaunchCommand(const RunOptions& options) {
  ExpandTemplate(options.launch_command, LaunchValues(options, "", 0));
}

std::string TargetName(const RunOptions& options) {
  switch (options.kind) {
    case TargetKind::kInProcess:
      return "reference (in-process)";
    case TargetKind::kLaunch:
      return "launch: " + options.launch_command;
    case TargetKind::kAttach:
      return "attach: " + options.attach_url;
  }
  return "";
}

RunResult RunVectors(const VectorSuite& suite, const RunOptions& options) {
  RunResult run;
  run.target = TargetName(options);
  run.vectors_dir = suite.root;
  run.started_at = Rfc3339Now();

  const std::size_t jobs = WorkerCount(options, suite.vectors.size());
  KeyPool keys(suite.keys);
  // Declared after `keys`, so destroyed (joined) before it.
  KeyWarmup warmup(keys, jobs);
  std::optional<mockidp::TestPki> pki;
  if (options.tls) pki = mockidp::TestPki::Generate();

  // Started one after the other: each writes the same CA file, and no
  // target has been launched yet that could read it half-written.
  std::vector<std::unique_ptr<SuiteRunner>> workers;
  for (std::size_t i = 0; i < jobs; ++i) {
    workers.push_back(std::make_unique<SuiteRunner>(suite, options, keys, pki));
    workers.back()->Start();
  }
  if (options.issuer_ready) {
    options.issuer_ready(workers.front()->SharedIssuerUrl());
  }

  VectorDealer dealer(suite.vectors.size(), options.progress,
                      options.interrupted);
  std::vector<std::exception_ptr> failures(jobs);
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 1; i < jobs; ++i) {
      threads.emplace_back([&, i] {
        try {
          workers[i]->RunDealt(dealer);
        } catch (...) {
          failures[i] = std::current_exception();
        }
      });
    }
    try {
      workers.front()->RunDealt(dealer);
    } catch (...) {
      failures.front() = std::current_exception();
    }
  }
  for (auto& worker : workers) worker->Stop();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }

  run.partial = dealer.partial();
  run.vectors = dealer.TakeResults();
  run.finished_at = Rfc3339Now();
  return run;
}

}  // namespace jwtconf::harness
