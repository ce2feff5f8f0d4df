// Resident memory of the reference verifier holding 100 issuers' JWK Sets,
// 1000 cached keys in all (4 RSA-2048, 3 P-256, 1 P-384, 2 Ed25519 per
// issuer), after every key has verified one token.
//
// Key generation is slow (RSA), so a small pool of key pairs is published
// under 1000 distinct kids; the verifier imports each JWK separately, so
// its memory is the same as for 1000 different keys.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench_fixtures.h"
#include "in_memory_fetcher.h"
#include "jwtconf/mock_idp/signing_key.h"
#include "jwtconf/mock_idp/token_minter.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/verifier.h"

namespace jwtconf::bench {
namespace {

using mockidp::KeySpec;
using mockidp::KeyType;
using nlohmann::json;

constexpr int kIssuers = 100;

struct PoolKey {
  std::string alg;
  mockidp::SigningKey key;
};

// Per issuer, in this order: 10 keys.
std::vector<PoolKey> KeyPool() {
  std::vector<PoolKey> pool;
  for (int i = 0; i < 4; ++i) {
    pool.push_back(
        {"RS256", mockidp::SigningKey::Generate({KeyType::kRsa, 2048, ""})});
  }
  for (int i = 0; i < 3; ++i) {
    pool.push_back(
        {"ES256", mockidp::SigningKey::Generate({KeyType::kEc, 0, "P-256"})});
  }
  pool.push_back(
      {"ES384", mockidp::SigningKey::Generate({KeyType::kEc, 0, "P-384"})});
  for (int i = 0; i < 2; ++i) {
    pool.push_back({"EdDSA", mockidp::SigningKey::Generate(
                                 {KeyType::kOkp, 0, "Ed25519"})});
  }
  return pool;
}

long VmRssKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  }
  return -1;
}

std::string IssuerName(int index) {
  return "https://issuer-" + std::to_string(index) + ".bench.example";
}

std::string Token(const std::string& issuer, const PoolKey& key,
                  const std::string& kid, long long now) {
  mockidp::TokenSpec spec;
  spec.header_json = json{{"alg", key.alg}, {"kid", kid}}.dump();
  spec.payload_json = json{
      {"iss", issuer},
      {"sub", "workload"},
      {"aud", kBenchAudience},
      {"exp", now + 3600}}.dump();
  spec.alg = key.alg;
  spec.key = &key.key;
  return mockidp::MintToken(spec);
}

int Main() {
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  const std::vector<PoolKey> pool = KeyPool();

  // Everything the issuers serve and every token exist before the baseline.
  InMemoryFetcher fetcher;
  std::vector<std::string> issuers;
  std::vector<std::string> tokens;
  for (int i = 0; i < kIssuers; ++i) {
    const std::string issuer = IssuerName(i);
    json keys = json::array();
    for (std::size_t k = 0; k < pool.size(); ++k) {
      const std::string kid = "key-" + std::to_string(k);
      json jwk = pool[k].key.PublicJwk();
      jwk["kid"] = kid;
      keys.push_back(jwk);
      tokens.push_back(Token(issuer, pool[k], kid, now));
    }
    fetcher.ServeIssuer(issuer, json{{"keys", keys}}.dump());
    issuers.push_back(issuer);
  }

  const long before = VmRssKib();
  SystemClock clock;
  DiscoveryKeySource key_source(DiscoveryOptions{}, fetcher, clock);
  const Verifier verifier(BenchVerifierOptions(issuers), key_source, clock);
  for (const std::string& token : tokens) {
    const Verification v = verifier.Verify(token);
    if (!v.ok()) {
      std::cerr << "jwtconf_bench_memory: token refused: " << v.detail << "\n";
      return 1;
    }
  }
  const long after = VmRssKib();

  std::cout << "issuers: " << kIssuers << ", cached keys: " << tokens.size()
            << ", http fetches: " << fetcher.fetches() << "\n"
            << "VmRSS before: " << before << " KiB, after: " << after
            << " KiB, growth: " << (after - before) << " KiB ("
            << (after - before) * 1024 / static_cast<long>(tokens.size())
            << " bytes per key)\n";
  return 0;
}

}  // namespace
}  // namespace jwtconf::bench

int main() {
  try {
    return jwtconf::bench::Main();
  } catch (const std::exception& e) {
    std::cerr << "jwtconf_bench_memory: " << e.what() << "\n";
    return 2;
  }
}
