#include "runner.h"

#include <ctime>
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

namespace jwtconf::harness {
namespace {

constexpr char kSharedIssuer[] = "suite";
constexpr int kMaxRelaunches = 3;
// How long a target that stopped answering gets to finish exiting.
constexpr std::chrono::milliseconds kExitWait{1000};

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
  return {{"discovery", counts.discovery}, {"jwks", counts.jwks}};
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

class SuiteRunner {
 public:
  SuiteRunner(const VectorSuite& suite, const RunOptions& options)
      : suite_(suite),
        options_(options),
        listeners_(ServerOptionsFor(options), options.tls),
        server_(listeners_.main()),
        keys_(suite.keys),
        jwks_path_(RandomJwksPath()) {}

  RunResult Run() {
    RunResult run;
    run.target = TargetName(options_);
    run.vectors_dir = suite_.root;
    run.started_at = Rfc3339Now();
    listeners_.Start(options_.ca_file);
    shared_issuer_.emplace(server_, kSharedIssuer, nullptr, keys_,
                           suite_.default_issuer_keys, jwks_path_);
    shared_issuer_->Publish(options_.audience, Seconds(SystemClock().Now()));
    if (options_.issuer_ready) {
      options_.issuer_ready(shared_issuer_->identifier());
    }
    // A target that cannot start at all stops the run with its error.
    if (options_.kind == TargetKind::kLaunch) SharedTarget();

    for (const Vector& vector : suite_.vectors) {
      if (options_.interrupted && options_.interrupted->load()) {
        run.partial = true;
        break;
      }
      auto started = std::chrono::steady_clock::now();
      VectorResult result = Describe(vector);
      RunOne(vector, result);
      result.duration = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - started);
      run.vectors.push_back(std::move(result));
      if (options_.progress) {
        options_.progress(run.vectors.back(), run.vectors.size(),
                          suite_.vectors.size());
      }
    }
    shared_target_.reset();
    shared_process_.reset();
    listeners_.Stop();
    run.finished_at = Rfc3339Now();
    return run;
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
    if (!options_.tls && vector.issuer.contains("tls")) {
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
      own_issuer->Publish(options_.audience, Seconds(clock.Now()));
    }
    PublishedIssuer& issuer = shared ? *shared_issuer_ : *own_issuer;

    std::unique_ptr<Target> own_target;
    std::unique_ptr<LaunchedProcess> own_process;
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
      own_target = std::make_unique<HttpTarget>(
          "http://127.0.0.1:" + std::to_string(port), options_.request_timeout,
          options_.token_endpoint_path);
      target = own_target.get();
    }
    const std::string nonce = RandomNonce();
    const bool token_endpoint = UsesTokenEndpoint(vector);

    JudgeRules rules{.compare_reasons = in_process,
                     .compare_fetches = in_process,
                     .level = result.level};
    for (const Step& step : vector.steps) {
      if (!step.publish.empty() || !step.retire.empty()) {
        issuer.ChangeKeys(step.publish, step.retire);
      }
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
      Observation observation =
          shared ? SendShared(delivery) : target->Send(delivery);
      std::map<std::string, int> fetches;
      if (!shared) fetches = CountsOf(issuer.Fetches());
      result.steps.push_back(JudgeStep(step, observation, fetches, rules));
    }
  }

  // Sends to the long-lived target. When it gave no answer because it died,
  // its exit is awaited so that the next vector relaunches it instead of
  // erring against a process that is still going down.
  Observation SendShared(const Delivery& delivery) {
    Observation observation = SharedTarget().Send(delivery);
    // Only a target that gave no answer at all may be going down.
    if (options_.kind != TargetKind::kLaunch || observation.verdict ||
        observation.http_status != 0 || observation.timed_out ||
        !observation.not_sent.empty()) {
      return observation;
    }
    const auto until = std::chrono::steady_clock::now() + kExitWait;
    while (shared_process_->Running() &&
           std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!shared_process_->Running()) {
      observation.detail = "target died while answering: " + observation.detail;
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

  std::unique_ptr<LaunchedProcess> Launch(const std::string& issuer_url,
                                          int port) {
    const std::string command = ExpandTemplate(
        options_.launch_command, LaunchValues(options_, issuer_url, port));
    return std::make_unique<LaunchedProcess>(command, port, options_.target_log,
                                             options_.startup_timeout,
                                             options_.interrupted);
  }

  // One long-lived target for the vectors of the shared default issuer,
  // relaunched when it has died.
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
    if (launches_ > kMaxRelaunches) {
      throw std::runtime_error("target died too often; not relaunched");
    }
    ++launches_;
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
  KeyPool keys_;
  std::string jwks_path_;
  std::optional<PublishedIssuer> shared_issuer_;
  std::unique_ptr<LaunchedProcess> shared_process_;
  std::unique_ptr<Target> shared_target_;
  int launches_ = 0;
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
  return SuiteRunner(suite, options).Run();
}

}  // namespace jwtconf::harness
