// The tokens every verifier in the benchmark checks: one key and one token
// per algorithm, minted by the mock issuer and written to a folder so the
// peer scripts (Node.js, Python) verify exactly the same bytes.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jwtconf/reference/verifier.h"

namespace jwtconf::bench {

inline constexpr const char* kBenchIssuer = "https://issuer.bench.example";
inline constexpr const char* kBenchAudience = "bench-api";

struct BenchToken {
  std::string alg;
  std::string kid;
  std::string token;       // compact JWS
  nlohmann::json jwk;      // public JWK with kid, as the issuer publishes it
  std::string public_pem;  // SubjectPublicKeyInfo of the same key
};

struct BenchFixtures {
  std::vector<BenchToken> tokens;
  // The JWK Set holding every key above (what jwks_uri serves).
  nlohmann::json Jwks() const;
};

// The reference's defaults (every profile algorithm, 60 s leeway) with the
// benchmark audience.
VerifierOptions BenchVerifierOptions(std::vector<std::string> issuers);

// The profile's algorithms in table order.
std::vector<std::string> BenchAlgorithms();

// Fresh keys and tokens valid for a day from now.
BenchFixtures MintFixtures(const std::vector<std::string>& algorithms);

// <dir>/fixtures.json: issuer, audience, and per token alg, kid, token, jwk,
// public_pem. Throws std::runtime_error on I/O failure.
void WriteFixtures(const BenchFixtures& fixtures,
                   const std::filesystem::path& dir);
BenchFixtures ReadFixtures(const std::filesystem::path& dir);

}  // namespace jwtconf::bench
