#include "verify_command.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "exit_codes.h"
#include "instant.h"
#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/http_fetcher.h"
#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/reason.h"
#include "jwtconf/reference/verifier.h"

namespace jwtconf::harness {
namespace {

using nlohmann::json;

struct VerifyArguments {
  std::string token = "-";
  std::string jwks_file;
  std::string issuer;
  std::string audience;
  std::string at;
  bool no_claims = false;
  bool json_output = false;
  bool allow_http = false;
  std::string ca_file;
  long leeway_seconds = 60;
};

[[noreturn]] void UsageError(const std::string& message) {
  throw CommandError(message, kExitUsage);
}

std::string Trimmed(std::string text) {
  const char* kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// ROB-1: inputs are read up to a bound, so an endless stream (a device, a
// pipe) ends in a clear error instead of filling memory.
constexpr std::size_t kMaxTokenInput = 1024 * 1024;
constexpr std::size_t kMaxJwksFile = 16 * 1024 * 1024;

// At most `limit` bytes of `in`; a longer input is a usage error.
std::string ReadBounded(std::istream& in, std::size_t limit,
                        const std::string& what) {
  std::string text(limit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) UsageError(what + ": cannot be read");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > limit) {
    UsageError(what + ": larger than " + std::to_string(limit) + " bytes");
  }
  return text;
}

std::string ReadToken(const std::string& argument) {
  if (argument != "-") return Trimmed(argument);
  std::string text =
      Trimmed(ReadBounded(std::cin, kMaxTokenInput, "standard input"));
  if (text.empty()) UsageError("no token on standard input");
  return text;
}

std::string ReadFile(const std::string& path, const std::string& option) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    UsageError(option + ": '" + path + "' is a folder");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) UsageError(option + ": cannot read '" + path + "'");
  return ReadBounded(in, kMaxJwksFile, option + " '" + path + "'");
}

// Which key source, and whose `iss` is trusted: see the command's help.
void CheckArguments(const VerifyArguments& args) {
  if (args.jwks_file.empty() && args.issuer.empty()) {
    UsageError("give --jwks FILE or --issuer URL (where the keys come from)");
  }
  // JWT-2: a JWK Set file says nothing about whom to trust, so the issuer
  // must be named; taking the token's own iss would make the check vacuous.
  if (!args.jwks_file.empty() && args.issuer.empty() && !args.no_claims) {
    UsageError(
        "--jwks needs --issuer URL (the issuer the token must name), or "
        "--no-claims to check the signature only");
  }
  if (args.audience.empty() && !args.no_claims) {
    UsageError("--audience is required unless --no-claims");
  }
  if (args.leeway_seconds < 0) UsageError("--leeway: must be >= 0");
  const bool discovers = args.jwks_file.empty();
  if (discovers && !args.issuer.starts_with("https://") &&
      !(args.allow_http && args.issuer.starts_with("http://"))) {
    UsageError("--issuer: '" + args.issuer +
               "' is not an https URL (plain http needs --allow-http)");
  }
  if (!args.ca_file.empty() &&
      !std::filesystem::is_regular_file(std::filesystem::path(args.ca_file))) {
    UsageError("--ca-file: no such file: '" + args.ca_file + "'");
  }
}

std::shared_ptr<const JwkSet> LoadJwks(const std::string& path) {
  JwkSet::ParseResult parsed = JwkSet::Parse(ReadFile(path, "--jwks"));
  if (parsed.reason != Reason::kOk) {
    UsageError("--jwks: '" + path + "' is not a usable JWK Set (" +
               std::string(ReasonCode(parsed.reason)) + "): " + parsed.detail);
  }
  return parsed.set;
}

TimePoint VerificationTime(const std::string& at) {
  if (at.empty()) return SystemClock().Now();
  std::optional<TimePoint> instant = ParseInstant(at);
  if (!instant) {
    UsageError("--at: '" + at +
               "' is neither Unix seconds nor an RFC 3339 date-time");
  }
  return *instant;
}

// Lenient base64url, only to show a payload the verifier did not parse
// (--no-claims, or a refusal before the payload); never decides anything.
std::optional<std::string> DecodeForDisplay(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string bytes;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const auto value = kAlphabet.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return bytes;
}

json UnverifiedClaims(std::string_view token) {
  const auto first_dot = token.find('.');
  if (first_dot == std::string_view::npos) return nullptr;
  const auto second_dot = token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos) return nullptr;
  auto payload =
      DecodeForDisplay(token.substr(first_dot + 1, second_dot - first_dot - 1));
  if (!payload) return nullptr;
  json claims = json::parse(*payload, nullptr, false);
  return claims.is_object() ? claims : json(nullptr);
}

std::int64_t UnixSeconds(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(
             time.time_since_epoch())
      .count();
}

void PrintText(const Verification& v, const json& claims, bool verified_claims,
               TimePoint at) {
  std::cout << "at: " << UnixSeconds(at) << "\n";
  if (!v.header.is_null()) std::cout << "header: " << v.header.dump() << "\n";
  if (!claims.is_null()) {
    std::cout << (verified_claims ? "claims: " : "claims (unverified): ")
              << claims.dump() << "\n";
  }
  if (v.ok() || !v.kid.empty()) std::cout << "key: " << v.kid << "\n";
  if (v.ok()) {
    std::cout << "verdict: accept";
    if (!v.subject.empty()) std::cout << " (subject " << v.subject << ")";
    std::cout << "\n";
    return;
  }
  std::cout << "verdict: reject (" << ReasonCode(v.reason)
            << "): " << ReasonMessage(v.reason);
  if (!v.detail.empty()) std::cout << ": " << v.detail;
  std::cout << "\n";
}

void PrintJson(const Verification& v, const json& claims, bool verified_claims,
               TimePoint at) {
  json out = {{"verdict", v.ok() ? "accept" : "reject"},
              {"reason", ReasonCode(v.reason)},
              {"message", ReasonMessage(v.reason)},
              {"detail", v.detail},
              {"at", UnixSeconds(at)},
              {"header", v.header},
              {"claims", claims},
              {"claims_verified", verified_claims},
              {"kid", v.ok() || !v.kid.empty() ? json(v.kid) : json(nullptr)}};
  if (v.ok()) {
    out["issuer"] = v.issuer;
    out["subject"] = v.subject;
  }
  std::cout << out.dump(2) << "\n";
}

int Verify(const VerifyArguments& args) {
  CheckArguments(args);
  const std::string token = ReadToken(args.token);
  const TimePoint at = VerificationTime(args.at);
  FixedClock clock(at);

  VerifierOptions options;
  if (!args.issuer.empty()) options.issuers = {args.issuer};
  options.audience = args.audience;
  options.leeway = std::chrono::seconds(args.leeway_seconds);
  options.check_claims = !args.no_claims;

  // Only the given issuer is ever contacted, and only without --jwks.
  std::unique_ptr<HttpFetcher> fetcher;
  std::unique_ptr<KeySource> keys;
  if (!args.jwks_file.empty()) {
    keys = std::make_unique<StaticKeySource>(LoadJwks(args.jwks_file));
  } else {
    HttpFetcherOptions fetch;
    fetch.allow_http = args.allow_http;
    fetch.ca_file = args.ca_file;
    fetcher = MakeHttpFetcher(fetch);
    DiscoveryOptions discovery;
    discovery.allow_http = args.allow_http;
    keys = std::make_unique<DiscoveryKeySource>(discovery, *fetcher, clock);
  }

  std::optional<Verifier> verifier;
  try {
    verifier.emplace(options, *keys, clock);
  } catch (const std::invalid_argument& e) {
    UsageError(std::string("bad verifier configuration: ") + e.what());
  }
  const Verification verification = verifier->Verify(token);

  // Claims are trustworthy only once a key verified the signature.
  const bool verified_claims = !verification.kid.empty();
  const json claims = verification.claims.is_null() ? UnverifiedClaims(token)
                                                    : verification.claims;
  if (args.json_output) {
    PrintJson(verification, claims, verified_claims, at);
  } else {
    PrintText(verification, claims, verified_claims, at);
  }
  return verification.ok() ? kExitOk : kExitMismatch;
}

}  // namespace

void AddVerifyCommand(CLI::App& app) {
  const auto args = std::make_shared<VerifyArguments>();
  CLI::App* command = app.add_subcommand(
      "verify",
      "Verify one token with the reference verifier; exit 0 accepted, 1 "
      "rejected, 2 bad arguments");
  command->add_option("token", args->token,
                      "The compact JWT, or - (default) to read it from "
                      "standard input");
  command->add_option("--jwks", args->jwks_file,
                      "JWK Set file to take keys from; nothing is fetched. "
                      "Needs --issuer (checked against iss, never contacted) "
                      "unless --no-claims");
  command->add_option("--issuer", args->issuer,
                      "Trusted issuer; without --jwks its keys come from its "
                      "discovery document, the only host contacted");
  command->add_option("--audience", args->audience,
                      "Expected audience (required unless --no-claims)");
  command->add_option("--at", args->at,
                      "Verify at this instant: Unix seconds or RFC 3339 "
                      "(default: now)");
  command->add_flag("--no-claims", args->no_claims,
                    "Check the JWS layer only (header, key, signature)");
  command->add_flag("--json", args->json_output,
                    "Print one JSON object instead of text");
  command->add_flag("--allow-http", args->allow_http,
                    "Permit a plain-http issuer and jwks_uri (tests only)");
  command->add_option("--ca-file", args->ca_file,
                      "PEM bundle trusted for issuer TLS instead of the "
                      "system store");
  command
      ->add_option("--leeway", args->leeway_seconds,
                   "Clock skew allowed for exp/nbf/iat, in seconds")
      ->capture_default_str();
  command->callback([args] { ExitWith(Verify(*args)); });
}

}  // namespace jwtconf::harness
