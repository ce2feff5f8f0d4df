// Fuzzes the payload of a token whose signature verified: strict JSON
// (JWT-1, ROB-3) and the claim checks (JWT-3..7, JWT-9) at a fixed instant.
// Input: the decoded payload bytes.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "claims.h"
#include "jwtconf/reference/strict_json.h"
#include "jwtconf/reference/verifier.h"

namespace {

// 2026-01-01T00:00:00Z, the instant the vectors are minted for.
constexpr double kNow = 1767225600.0;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  const jwtconf::StrictJson claims = jwtconf::ParseStrictJsonObject(payload);
  if (!claims.ok()) return 0;

  // Once with the defaults, once with the optional checks on.
  jwtconf::VerifierOptions options{
      .issuers = {"https://issuer.jwtconf.test/suite"},
      .audience = "https://rs.jwtconf.test",
  };
  jwtconf::CheckClaims(claims.value, options, kNow);

  options.leeway = std::chrono::seconds(0);
  options.max_age = std::chrono::seconds(300);
  const jwtconf::ClaimCheck strict =
      jwtconf::CheckClaims(claims.value, options, kNow);
  if (!strict.ok() && strict.detail.empty()) std::abort();
  return 0;
}
