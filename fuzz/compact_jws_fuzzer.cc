// Fuzzes the JWS layer before any key is used: compact splitting (JWS-1),
// the strict header JSON (JWS-2, ROB-3) and the header checks (JWS-3..10).
// Input: a token as received.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "compact_jws.h"
#include "header_checks.h"
#include "jwtconf/reference/strict_json.h"
#include "jwtconf/reference/verifier.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  const jwtconf::CompactJwsParse split = jwtconf::SplitCompactJws(token);
  if (!split.jws) return 0;

  // The signing input is the token's first two parts, byte for byte.
  const std::string_view signing_input = split.jws->signing_input;
  if (token.substr(0, signing_input.size()) != signing_input ||
      token.size() <= signing_input.size() ||
      token[signing_input.size()] != '.') {
    std::abort();
  }

  const jwtconf::StrictJson header =
      jwtconf::ParseStrictJsonObject(split.jws->header);
  if (header.ok()) {
    if (!header.value.is_object()) std::abort();
    const jwtconf::VerifierOptions options{
        .issuers = {"https://issuer.jwtconf.test/suite"},
        .audience = "https://rs.jwtconf.test",
        .expected_typ = "JWT",
    };
    const jwtconf::HeaderCheck checked =
        jwtconf::CheckHeader(header.value, options);
    if (checked.ok() && checked.alg.empty()) std::abort();
  }

  // JWT-1: the payload goes through the same strict parser.
  jwtconf::ParseStrictJsonObject(split.jws->payload);
  return 0;
}
