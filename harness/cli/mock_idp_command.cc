#include "mock_idp_command.h"

#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "exit_codes.h"
#include "jwtconf/mock_idp/standalone_issuer.h"
#include "listen_address.h"
#include "stop_signals.h"

namespace jwtconf::harness {
namespace {

struct MockIdpArguments {
  std::string listen = "127.0.0.1:0";
  std::vector<std::string> issuers = {"issuer"};
  std::vector<std::string> algs = {"RS256"};
  long duration_seconds = 3600;
  std::string mint_claims;  // empty: mint nothing
};

std::optional<nlohmann::json> ParseMintClaims(const std::string& text) {
  if (text.empty()) return std::nullopt;

  nlohmann::json claims = nlohmann::json::parse(text, nullptr, false);
  if (!claims.is_object()) {
    throw CommandError(
        "--mint: expected a JSON object of claims, got '" + text + "'",
        kExitUsage);
  }
  return claims;
}

mockidp::StandaloneOptions IssuerOptions(const MockIdpArguments& args) {
  if (args.duration_seconds <= 0) {
    throw CommandError("--duration: must be > 0", kExitUsage);
  }
  const ListenAddress listen = ParseLoopbackListenAddress(args.listen);

  mockidp::StandaloneOptions options;
  options.server.host = listen.host;
  options.server.port = listen.port;
  options.issuers = args.issuers;
  options.algs = args.algs;
  return options;
}

void RunMockIdp(const MockIdpArguments& args) {
  const mockidp::StandaloneOptions options = IssuerOptions(args);
  const std::optional<nlohmann::json> mint_claims =
      ParseMintClaims(args.mint_claims);

  std::optional<mockidp::StandaloneIssuer> issuer;
  try {
    issuer.emplace(options);
  } catch (const std::invalid_argument& e) {
    throw CommandError(std::string("bad issuer configuration: ") + e.what(),
                       kExitUsage);
  }

  // Before Start(), so that every server thread inherits the blocked mask.
  const BlockedStopSignals stop_signals;
  try {
    issuer->Start();
  } catch (const std::runtime_error& e) {
    throw CommandError(std::string("cannot start: ") + e.what(),
                       kExitRunFailed);
  }

  for (const std::string& name : issuer->Issuers()) {
    std::cout << "issuer " << issuer->IssuerUrl(name) << "\n";
  }
  if (mint_claims) {
    for (const std::string& name : issuer->Issuers()) {
      std::cout << "token " << name << " " << issuer->Mint(name, *mint_claims)
                << "\n";
    }
  }
  std::cout.flush();

  const std::string first = issuer->Issuers().front();
  std::cerr << "jwtconf mock-idp: mint a token with\n  curl -s -X POST -d "
               "'{\"sub\":\"me\"}' '"
            << issuer->MintUrl(first) << "?alg=" << options.algs.front()
            << "'\nrotate keys with\n  curl -s -X POST -d '' '"
            << issuer->IssuerUrl(first) << "/rotate'\nstopping after "
            << args.duration_seconds << " s or on Ctrl-C" << std::endl;

  stop_signals.WaitFor(std::chrono::seconds(args.duration_seconds));
  issuer->Stop();
}

}  // namespace

void AddMockIdpCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "mock-idp",
      "Serve mock OpenID issuers (discovery, JWKS, minting) on a loopback "
      "port");
  const auto args = std::make_shared<MockIdpArguments>();

  command
      ->add_option("--listen", args->listen,
                   "Loopback HOST:PORT to listen on (port 0: any)")
      ->capture_default_str();
  command
      ->add_option("--issuer", args->issuers,
                   "Issuer name, served under /NAME (repeatable)")
      ->capture_default_str();
  command
      ->add_option("--alg", args->algs,
                   "Comma-separated algs, one key each: RS*, PS*, ES256, "
                   "ES384, ES512, EdDSA")
      ->delimiter(',')
      ->capture_default_str();
  command
      ->add_option("--duration", args->duration_seconds,
                   "Stop by itself after this many seconds")
      ->capture_default_str();
  command->add_option("--mint", args->mint_claims,
                      "JSON claims: print one token per issuer once ready");

  command->callback([args] { RunMockIdp(*args); });
}

}  // namespace jwtconf::harness
