// Fuzzes whole-token verification by the public API: a fixed JWK Set, a
// fixed clock and the vectors' issuer and audience, every check of the
// profile in order. Input: a token as received.
//
// The JWK Set is JWTCONF_FUZZ_JWKS (a file) when set, so seed tokens minted
// with other keys (scripts/fuzz.sh passes the export's) reach the claim
// checks; otherwise the committed fuzz/verify_token.jwks.json.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>

#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/verifier.h"

namespace {

// 2026-01-01T00:00:00Z, the instant the vectors are minted for.
constexpr std::chrono::seconds kNow{1767225600};

std::shared_ptr<const jwtconf::JwkSet> LoadJwkSet() {
  const char* from_env = std::getenv("JWTCONF_FUZZ_JWKS");
  const std::string path = from_env ? from_env : JWTCONF_FUZZ_DEFAULT_JWKS;
  std::ifstream file(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(file)),
                         std::istreambuf_iterator<char>());
  jwtconf::JwkSet::ParseResult parsed = jwtconf::JwkSet::Parse(text);
  if (parsed.reason != jwtconf::Reason::kOk || parsed.set->size() == 0) {
    std::fprintf(stderr, "verify_token fuzzer: no usable JWK Set in %s\n",
                 path.c_str());
    std::abort();
  }
  return parsed.set;
}

struct FixedVerifier {
  jwtconf::FixedClock clock{jwtconf::TimePoint(kNow)};
  jwtconf::StaticKeySource keys{LoadJwkSet()};
  jwtconf::Verifier verifier{{.issuers = {"https://issuer.jwtconf.test/suite"},
                              .audience = "https://rs.jwtconf.test"},
                             keys,
                             clock};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static const FixedVerifier* const fixed = new FixedVerifier;
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  const jwtconf::Verification v = fixed->verifier.Verify(token);

  // Every answer has a catalogue code; an acceptance names who signed what.
  if (jwtconf::ReasonCode(v.reason).empty()) std::abort();
  if (v.ok() && (!v.claims.is_object() || v.issuer.empty())) std::abort();
  return 0;
}
