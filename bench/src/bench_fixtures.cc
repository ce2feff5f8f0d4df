#include "bench_fixtures.h"

#include <chrono>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "jwtconf/mock_idp/signing_key.h"
#include "jwtconf/mock_idp/token_minter.h"

namespace jwtconf::bench {
namespace {

using nlohmann::json;

long long UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A typical workload token: the claims every verifier here checks.
std::string PayloadJson(long long now) {
  return json{{"iss", kBenchIssuer},
              {"sub", "workload-7"},
              {"aud", kBenchAudience},
              {"iat", now},
              {"nbf", now},
              {"exp", now + 86400},
              {"jti", "bench-token-0001"}}
      .dump();
}

BenchToken Mint(const std::string& alg, long long now) {
  const mockidp::SigningKey key =
      mockidp::SigningKey::Generate(mockidp::KeySpecForAlg(alg));
  BenchToken token;
  token.alg = alg;
  token.kid = "bench-" + alg;
  token.jwk = key.PublicJwk();
  token.jwk["kid"] = token.kid;
  token.jwk["use"] = "sig";
  token.jwk["alg"] = alg;
  token.public_pem = key.PublicPem();

  mockidp::TokenSpec spec;
  spec.header_json =
      json{{"alg", alg}, {"typ", "JWT"}, {"kid", token.kid}}.dump();
  spec.payload_json = PayloadJson(now);
  spec.alg = alg;
  spec.key = &key;
  token.token = mockidp::MintToken(spec);
  return token;
}

}  // namespace

json BenchFixtures::Jwks() const {
  json keys = json::array();
  for (const BenchToken& token : tokens) keys.push_back(token.jwk);
  return {{"keys", keys}};
}

VerifierOptions BenchVerifierOptions(std::vector<std::string> issuers) {
  VerifierOptions options;
  options.issuers = std::move(issuers);
  options.audience = kBenchAudience;
  return options;
}

std::vector<std::string> BenchAlgorithms() {
  return {"RS256", "RS384", "RS512", "PS256", "PS384",
          "PS512", "ES256", "ES384", "ES512", "EdDSA"};
}

BenchFixtures MintFixtures(const std::vector<std::string>& algorithms) {
  const long long now = UnixNow();
  BenchFixtures fixtures;
  for (const std::string& alg : algorithms) {
    fixtures.tokens.push_back(Mint(alg, now));
  }
  return fixtures;
}

void WriteFixtures(const BenchFixtures& fixtures,
                   const std::filesystem::path& dir) {
  json tokens = json::array();
  for (const BenchToken& token : fixtures.tokens) {
    tokens.push_back({{"alg", token.alg},
                      {"kid", token.kid},
                      {"token", token.token},
                      {"jwk", token.jwk},
                      {"public_pem", token.public_pem}});
  }
  const json document = {{"issuer", kBenchIssuer},
                         {"audience", kBenchAudience},
                         {"tokens", tokens}};

  std::filesystem::create_directories(dir);
  std::ofstream out(dir / "fixtures.json");
  out << document.dump(2) << '\n';
  if (!out) throw std::runtime_error("cannot write " + dir.string());
}

BenchFixtures ReadFixtures(const std::filesystem::path& dir) {
  std::ifstream in(dir / "fixtures.json");
  if (!in) throw std::runtime_error("cannot read " + dir.string());
  const json document = json::parse(std::istreambuf_iterator<char>(in),
                                    std::istreambuf_iterator<char>());

  BenchFixtures fixtures;
  for (const json& entry : document.at("tokens")) {
    fixtures.tokens.push_back(
        {entry.at("alg").get<std::string>(), entry.at("kid").get<std::string>(),
         entry.at("token").get<std::string>(), entry.at("jwk"),
         entry.at("public_pem").get<std::string>()});
  }
  return fixtures;
}

}  // namespace jwtconf::bench
