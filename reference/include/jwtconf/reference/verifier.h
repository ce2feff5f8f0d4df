// The reference verifier: strict JWS + JWT checks for headless bearer tokens.
//
//   jwtconf::SystemClock clock;
//   auto fetcher = jwtconf::MakeHttpFetcher({});
//   jwtconf::DiscoveryKeySource keys({}, *fetcher, clock);
//   jwtconf::Verifier verifier(
//       {.issuers = {"https://issuer.example"}, .audience = "api"}, keys,
//       clock);
//   jwtconf::Verification v = verifier.Verify(token);
//   if (!v.ok()) return Deny(jwtconf::ReasonCode(v.reason));
#pragma once

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/reason.h"

namespace jwtconf {

// JWS-11: the asymmetric algorithms of the profile.
std::vector<std::string> AllProfileAlgorithms();

struct VerifierOptions {
  std::vector<std::string> issuers;  // DISC-1: the trusted issuers
  std::string audience;              // JWT-3
  std::vector<std::string> algorithms = AllProfileAlgorithms();
  std::chrono::seconds leeway{60};              // JWT-10
  std::optional<std::chrono::seconds> max_age;  // JWT-6
  std::optional<std::string> expected_typ;      // JWS-9
  std::size_t max_token_bytes = 16 * 1024;      // ROB-1
  bool check_claims = true;  // false: JWS layer only (`verify --no-claims`)
};

struct Verification {
  Reason reason = Reason::kOk;
  std::string detail;     // what exactly failed, for people
  nlohmann::json header;  // decoded header, when it parsed
  nlohmann::json claims;  // decoded claims, when they parsed
  std::string issuer;     // whose keys verified the signature
  std::string subject;
  std::string kid;  // kid of the key that verified
  bool ok() const { return reason == Reason::kOk; }
};

class Verifier {
 public:
  // Throws std::invalid_argument for an unusable configuration (empty
  // audience, unknown algorithm, negative leeway).
  Verifier(VerifierOptions options, KeySource& keys, const Clock& clock);

  Verification Verify(std::string_view token) const;

 private:
  VerifierOptions options_;
  KeySource& keys_;
  const Clock& clock_;
};

}  // namespace jwtconf
