// Single-threaded verification throughput on identical tokens: raw OpenSSL
// (the physical limit), the reference verifier (whole token, cached key),
// and Debian's libjwt.
//
//   jwtconf_bench --write-fixtures DIR   mint keys and tokens into DIR
//   jwtconf_bench --fixtures DIR [google benchmark flags]
#include <benchmark/benchmark.h>

#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "bench_fixtures.h"
#include "in_memory_fetcher.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/verifier.h"
#include "libjwt_verify.h"
#include "raw_openssl.h"

namespace jwtconf::bench {
namespace {

// The reference as a resource server runs it: discovery once, then every
// token served from the JWK Set cache.
struct ReferenceSetup {
  explicit ReferenceSetup(const BenchFixtures& fixtures)
      : keys(DiscoveryOptions{}, fetcher, clock),
        verifier(BenchVerifierOptions({kBenchIssuer}), keys, clock) {
    fetcher.ServeIssuer(kBenchIssuer, fixtures.Jwks().dump());
  }

  SystemClock clock;
  InMemoryFetcher fetcher;
  DiscoveryKeySource keys;
  Verifier verifier;
};

template <typename Verify>
void Measure(benchmark::State& state, Verify verify) {
  if (!verify()) {
    state.SkipWithError("token does not verify");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(verify());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void Register(const BenchFixtures& fixtures) {
  static const auto reference = std::make_shared<ReferenceSetup>(fixtures);
  for (const BenchToken& t : fixtures.tokens) {
    auto raw = std::make_shared<RawOpensslVerify>(t.alg, t.token, t.public_pem);
    benchmark::RegisterBenchmark(
        ("verify/raw_openssl_init/" + t.alg).c_str(),
        [raw](benchmark::State& s) {
          Measure(s, [&] { return raw->VerifyInitEachTime(); });
        });
    benchmark::RegisterBenchmark(
        ("verify/raw_openssl/" + t.alg).c_str(), [raw](benchmark::State& s) {
          Measure(s, [&] { return raw->VerifyFromTemplate(); });
        });

    const std::string token = t.token;
    benchmark::RegisterBenchmark(
        ("verify/reference/" + t.alg).c_str(), [token](benchmark::State& s) {
          Measure(s, [&] { return reference->verifier.Verify(token).ok(); });
        });

    if (!LibjwtSupports(t.alg)) continue;
    auto libjwt = std::make_shared<LibjwtVerify>(t.token, t.public_pem);
    benchmark::RegisterBenchmark(("verify/libjwt/" + t.alg).c_str(),
                                 [libjwt](benchmark::State& s) {
                                   Measure(s, [&] { return libjwt->Verify(); });
                                 });
  }
}

// Removes `--name VALUE` from argv; empty when absent.
std::string TakeOption(int& argc, char** argv, const char* name) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) != 0) continue;
    std::string value = argv[i + 1];
    for (int j = i; j + 2 <= argc; ++j) argv[j] = argv[j + 2];
    argc -= 2;
    return value;
  }
  return {};
}

int Main(int argc, char** argv) {
  const std::string write_dir = TakeOption(argc, argv, "--write-fixtures");
  if (!write_dir.empty()) {
    WriteFixtures(MintFixtures(BenchAlgorithms()), write_dir);
    std::cout << "fixtures written to " << write_dir << "\n";
    return 0;
  }

  const std::string read_dir = TakeOption(argc, argv, "--fixtures");
  const BenchFixtures fixtures = read_dir.empty()
                                     ? MintFixtures(BenchAlgorithms())
                                     : ReadFixtures(read_dir);
  Register(fixtures);

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace
}  // namespace jwtconf::bench

int main(int argc, char** argv) {
  try {
    return jwtconf::bench::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "jwtconf_bench: " << e.what() << "\n";
    return 2;
  }
}
