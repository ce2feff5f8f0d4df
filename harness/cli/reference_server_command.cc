#include "reference_server_command.h"

#include <pthread.h>
#include <signal.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "exit_codes.h"
#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/http_fetcher.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/verifier.h"
#include "listen_address.h"
#include "server/reference_server.h"
#include "stop_signals.h"

namespace jwtconf::harness {
namespace {

struct ReferenceServerArguments {
  std::vector<std::string> issuers;
  std::string audience;
  std::string listen = "127.0.0.1:0";
  std::string ca_file;
  bool allow_http = false;
  long leeway_seconds = 60;
  long max_age_seconds = 0;  // only with --max-age
  std::string typ;           // only with --typ
  std::vector<std::string> algorithms;
  long timeout_ms = 3000;
  long duration_seconds = 3600;
  bool verbose = false;
  std::string token_endpoint;      // path; "" for none
  std::string token_endpoint_url;  // audience; "" for the server's own URL
};

[[noreturn]] void Fail(const std::string& message, int exit_code) {
  throw CommandError(message, exit_code);
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;

  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) {
      return false;
    }
  }
  return true;
}

// DISC-4: issuers are https; plain http only with --allow-http (tests).
void CheckIssuers(const ReferenceServerArguments& args) {
  for (const std::string& issuer : args.issuers) {
    if (StartsWithIgnoreCase(issuer, "https://") && issuer.size() > 8) {
      continue;
    }
    if (!StartsWithIgnoreCase(issuer, "http://") || issuer.size() <= 7) {
      Fail("--issuer: not an https URL: '" + issuer + "'", kExitUsage);
    }
    if (!args.allow_http) {
      Fail("--issuer: '" + issuer +
               "' uses plain http; pass --allow-http to permit it (tests only)",
           kExitUsage);
    }
  }
}

void CheckArguments(const ReferenceServerArguments& args) {
  CheckIssuers(args);
  if (args.audience.empty()) Fail("--audience: must not be empty", kExitUsage);
  if (args.leeway_seconds < 0) Fail("--leeway: must be >= 0", kExitUsage);
  if (args.timeout_ms <= 0) Fail("--timeout-ms: must be > 0", kExitUsage);
  if (args.duration_seconds <= 0) {
    Fail("--duration: must be > 0", kExitUsage);
  }
  if (!args.token_endpoint.empty() && args.token_endpoint.front() != '/') {
    Fail("--token-endpoint: must be a path starting with '/'", kExitUsage);
  }
  if (!args.token_endpoint_url.empty() && args.token_endpoint.empty()) {
    Fail("--token-endpoint-url: needs --token-endpoint", kExitUsage);
  }
  if (!args.ca_file.empty() &&
      !std::filesystem::is_regular_file(std::filesystem::path(args.ca_file))) {
    Fail("--ca-file: no such file: '" + args.ca_file + "'", kExitUsage);
  }
}

void RunReferenceServer(const ReferenceServerArguments& args, bool has_max_age,
                        bool has_typ) {
  CheckArguments(args);
  ListenAddress listen = ParseLoopbackListenAddress(args.listen);
  // The server binds literal addresses only.
  if (listen.host == "localhost") listen.host = "127.0.0.1";
  if (has_max_age && args.max_age_seconds <= 0) {
    Fail("--max-age: must be > 0", kExitUsage);
  }

  VerifierOptions verifier_options;
  verifier_options.issuers = args.issuers;
  verifier_options.audience = args.audience;
  verifier_options.leeway = std::chrono::seconds(args.leeway_seconds);
  if (has_max_age) {
    verifier_options.max_age = std::chrono::seconds(args.max_age_seconds);
  }
  if (has_typ) verifier_options.expected_typ = args.typ;
  if (!args.algorithms.empty()) verifier_options.algorithms = args.algorithms;

  HttpFetcherOptions fetcher_options;
  fetcher_options.connect_timeout = std::chrono::milliseconds(args.timeout_ms);
  fetcher_options.read_timeout = std::chrono::milliseconds(args.timeout_ms);
  fetcher_options.ca_file = args.ca_file;
  fetcher_options.allow_http = args.allow_http;

  DiscoveryOptions discovery_options;
  discovery_options.allow_http = args.allow_http;

  // Signals are blocked before any thread starts, so all inherit the mask.
  const BlockedStopSignals stop_signals;
  SystemClock clock;
  const std::unique_ptr<HttpFetcher> fetcher = MakeHttpFetcher(fetcher_options);
  DiscoveryKeySource keys(discovery_options, *fetcher, clock);
  std::optional<Verifier> verifier;
  try {
    verifier.emplace(verifier_options, keys, clock);
  } catch (const std::invalid_argument& error) {
    Fail(std::string("bad verifier configuration: ") + error.what(),
         kExitUsage);
  }

  ReferenceServerOptions server_options;
  server_options.host = listen.host;
  server_options.port = listen.port;
  server_options.verbose = args.verbose;
  // HTTP-7: assertions are checked like bearer tokens, but with the token
  // endpoint URL as audience (RFC 7523 §3).
  server_options.token_endpoint_path = args.token_endpoint;
  server_options.token_endpoint_url = args.token_endpoint_url;
  server_options.make_token_endpoint = [&](const std::string& url) {
    VerifierOptions assertions = verifier_options;
    assertions.audience = url;
    return std::make_unique<TokenEndpoint>(std::move(assertions), keys, clock);
  };
  ReferenceServer server(server_options, *verifier);
  try {
    server.Start();
  } catch (const std::runtime_error& error) {
    Fail(std::string("cannot start: ") + error.what(), kExitRunFailed);
  }

  std::cout << "listening on " << listen.Url(server.port()) << std::endl;
  if (!args.token_endpoint.empty()) {
    std::cout << "token endpoint " << server.token_endpoint_url() << std::endl;
  }
  stop_signals.WaitFor(std::chrono::seconds(args.duration_seconds));
  server.Stop();
}

}  // namespace

void AddReferenceServerCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "reference-server",
      "Serve the reference verifier as an RFC 6750 resource server on a "
      "loopback port");
  const auto args = std::make_shared<ReferenceServerArguments>();

  command
      ->add_option("--issuer", args->issuers,
                   "Trusted issuer URL (repeatable); keys come from its "
                   "discovery document")
      ->required();
  command->add_option("--audience", args->audience, "Expected audience (aud)")
      ->required();
  command
      ->add_option("--listen", args->listen,
                   "Loopback HOST:PORT to listen on (port 0: any)")
      ->capture_default_str();
  command->add_option("--ca-file", args->ca_file,
                      "PEM bundle trusted for issuer TLS instead of the "
                      "system store");
  command->add_flag("--allow-http", args->allow_http,
                    "Permit plain-http issuers and jwks_uri (tests only)");
  command
      ->add_option("--leeway", args->leeway_seconds,
                   "Clock skew allowed for exp/nbf/iat, in seconds")
      ->capture_default_str();
  CLI::Option* max_age = command->add_option(
      "--max-age", args->max_age_seconds,
      "Refuse tokens whose iat is older than this many seconds");
  CLI::Option* typ =
      command->add_option("--typ", args->typ, "Required JOSE header typ");
  command
      ->add_option("--algorithms", args->algorithms,
                   "Comma-separated allowed algorithms (default: all of the "
                   "profile)")
      ->delimiter(',');
  command
      ->add_option("--timeout-ms", args->timeout_ms,
                   "Connect and read timeout of issuer fetches")
      ->capture_default_str();
  command
      ->add_option("--duration", args->duration_seconds,
                   "Stop by itself after this many seconds")
      ->capture_default_str();
  command->add_option("--token-endpoint", args->token_endpoint,
                      "Also serve an RFC 7523 token endpoint at this path "
                      "(jwt-bearer grant and client assertions)");
  command->add_option("--token-endpoint-url", args->token_endpoint_url,
                      "The audience token endpoint assertions must name "
                      "(default: http://HOST:PORT<path> as listening)");
  command->add_flag("--verbose", args->verbose,
                    "Log one line per request to stderr");

  command->callback([args, max_age, typ] {
    RunReferenceServer(*args, max_age->count() > 0, typ->count() > 0);
  });
}

}  // namespace jwtconf::harness
