#include "jwk_probe_checks.h"

#include <gtest/gtest.h>

namespace jwtconf::harness {
namespace {

using nlohmann::json;

TEST(RsaModulusBits, CountsFromTheFirstOneBit) {
  // 256 bytes whose first is 0x80: "g" then "A"s (342 characters).
  EXPECT_EQ(RsaModulusBits("g" + std::string(341, 'A')), 2048);
  // A first byte of 0x01 leaves 2041 bits.
  EXPECT_EQ(RsaModulusBits("AQ" + std::string(340, 'A')), 2041);
  EXPECT_EQ(RsaModulusBits("not base64url!"), 0);
  EXPECT_EQ(RsaModulusBits(""), 0);
}

ProbeCheck Rule(const std::vector<ProbeCheck>& checks,
                const std::string& requirement) {
  for (const ProbeCheck& check : checks) {
    if (check.requirement == requirement) return check;
  }
  ADD_FAILURE() << "no " << requirement;
  return {};
}

TEST(CheckPublishedKeys, SymmetricKeyAndUnknownCurveAreFlagged) {
  const json keys = json::parse(R"([
    {"kty": "oct", "k": "c2VjcmV0", "kid": "hmac", "use": "sig", "alg": "HS256"},
    {"kty": "EC", "crv": "secp256k1", "x": "AA", "y": "AA", "kid": "k1",
     "use": "sig", "alg": "ES256K"}])");
  const auto checks = CheckPublishedKeys(keys);
  EXPECT_EQ(Rule(checks, "JWKS-6").status, CheckStatus::kFail);
  EXPECT_EQ(Rule(checks, "JWKS-6").detail,
            "kid hmac: a symmetric key is published; kid k1: EC curve "
            "'secp256k1' not allowed");
  EXPECT_EQ(Rule(checks, "JWKS-9").status, CheckStatus::kFail);
  EXPECT_EQ(Rule(checks, "JWKS-5").status, CheckStatus::kFail);
}

TEST(CheckPublishedKeys, KeysWithoutKidAreNamedByPlace) {
  const auto checks =
      CheckPublishedKeys(json::parse(R"([{"kty": "OKP", "crv": "Ed25519",
        "x": "AA", "use": "enc", "alg": "EdDSA"}])"));
  EXPECT_EQ(Rule(checks, "JWKS-2").detail, "key #1: no kid");
  EXPECT_EQ(Rule(checks, "JWKS-4").status, CheckStatus::kWarn);
  EXPECT_EQ(Rule(checks, "JWKS-5").status, CheckStatus::kPass);
}

}  // namespace
}  // namespace jwtconf::harness
