#include "probe_issuer_command.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "exit_codes.h"
#include "issuer_probe.h"

namespace jwtconf::harness {
namespace {

// probe-issuer only: the issuer could not be reached at all.
constexpr int kExitUnreachable = 3;

struct ProbeArguments {
  std::string issuer;
  ProbeOptions options;
  int timeout_ms = 5000;
  bool json = false;
};

void PrintTable(const ProbeReport& report) {
  std::size_t requirement_width = 11;
  std::size_t name_width = 5;
  for (const ProbeCheck& check : report.checks) {
    requirement_width = std::max(requirement_width, check.requirement.size());
    name_width = std::max(name_width, check.name.size());
  }
  auto pad = [](const std::string& text, std::size_t width) {
    return text + std::string(width - std::min(width, text.size()) + 2, ' ');
  };
  std::cout << "issuer: " << report.issuer << "\n"
            << pad("result", 6) << pad("requirement", requirement_width)
            << pad("check", name_width) << "detail\n";
  for (const ProbeCheck& check : report.checks) {
    std::cout << pad(std::string(CheckStatusName(check.status)), 6)
              << pad(check.requirement, requirement_width)
              << pad(check.name, name_width) << check.detail << "\n";
  }
}

void PrintJson(const ProbeReport& report) {
  nlohmann::json checks = nlohmann::json::array();
  for (const ProbeCheck& check : report.checks) {
    checks.push_back({{"status", CheckStatusName(check.status)},
                      {"requirement", check.requirement},
                      {"check", check.name},
                      {"detail", check.detail}});
  }
  nlohmann::json document = {{"issuer", report.issuer},
                             {"metadata_url", report.metadata_url},
                             {"jwks_uri", report.jwks_uri},
                             {"reachable", report.reachable},
                             {"checks", checks}};
  std::cout << document.dump(2, ' ', false,
                             nlohmann::json::error_handler_t::replace)
            << "\n";
}

int ProbeCommand(ProbeArguments& arguments) {
  arguments.options.timeout = std::chrono::milliseconds(arguments.timeout_ms);
  ProbeReport report;
  try {
    report = ProbeIssuer(arguments.issuer, arguments.options);
  } catch (const std::invalid_argument& e) {
    throw CommandError(std::string("probe-issuer: ") + e.what(), kExitUsage);
  }
  if (arguments.json) {
    PrintJson(report);
  } else {
    PrintTable(report);
  }
  if (!report.reachable) {
    std::cerr << "jwtconf: probe-issuer: " << report.issuer
              << " is unreachable\n";
    return kExitUnreachable;
  }
  return report.HasFailure() ? kExitMismatch : kExitOk;
}

}  // namespace

void AddProbeIssuerCommand(CLI::App& app) {
  auto arguments = std::make_shared<ProbeArguments>();
  CLI::App* command = app.add_subcommand(
      "probe-issuer",
      "Check an issuer's discovery document and JWK Set against the "
      "catalogue; fetches only those two documents");
  command->add_option("issuer", arguments->issuer, "The issuer URL")
      ->required();
  command
      ->add_option("--ca-file", arguments->options.ca_file,
                   "PEM bundle to trust instead of the system store")
      ->check(CLI::ExistingFile);
  command->add_flag("--allow-http", arguments->options.allow_http,
                    "Probe a plain http issuer (test set-ups)");
  command
      ->add_option("--timeout-ms", arguments->timeout_ms,
                   "Timeout of each fetch")
      ->check(CLI::Range(1, 600000))
      ->capture_default_str();
  command->add_flag("--json", arguments->json,
                    "Print the checks as JSON instead of a table");
  command->callback([arguments] { ExitWith(ProbeCommand(*arguments)); });
}

}  // namespace jwtconf::harness
