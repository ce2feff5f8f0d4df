#include "claims.h"

#include <gtest/gtest.h>

namespace jwtconf {
namespace {

using nlohmann::json;

constexpr double kNow = 1'700'000'000;

VerifierOptions Options() {
  VerifierOptions options;
  options.issuers = {"https://issuer.example"};
  options.audience = "api";
  options.leeway = std::chrono::seconds(60);
  return options;
}

json Claims() {
  return {{"sub", "workload"},
          {"aud", "api"},
          {"exp", kNow + 600},
          {"iat", kNow - 10},
          {"nbf", kNow - 10}};
}

Reason Check(const json& claims, const VerifierOptions& options = Options(),
             double now = kNow) {
  return CheckClaims(claims, options, now).reason;
}

json Without(json claims, const char* name) {
  claims.erase(name);
  return claims;
}

json With(json claims, const char* name, json value) {
  claims[name] = std::move(value);
  return claims;
}

TEST(CheckClaims, ValidClaimsPass) { EXPECT_EQ(Check(Claims()), Reason::kOk); }

TEST(CheckClaims, SubMissingIsMissingClaim) {
  EXPECT_EQ(Check(Without(Claims(), "sub")), Reason::kMissingClaim);
}

TEST(CheckClaims, SubEmptyOrNotStringIsInvalidClaimType) {
  EXPECT_EQ(Check(With(Claims(), "sub", "")), Reason::kInvalidClaimType);
  EXPECT_EQ(Check(With(Claims(), "sub", 7)), Reason::kInvalidClaimType);
}

TEST(CheckClaims, AudMissingIsMissingClaim) {
  EXPECT_EQ(Check(Without(Claims(), "aud")), Reason::kMissingClaim);
}

TEST(CheckClaims, AudArrayContainingAudiencePasses) {
  EXPECT_EQ(Check(With(Claims(), "aud", {"other", "api"})), Reason::kOk);
}

TEST(CheckClaims, AudWrongTypeIsInvalidClaimType) {
  EXPECT_EQ(Check(With(Claims(), "aud", 1)), Reason::kInvalidClaimType);
  EXPECT_EQ(Check(With(Claims(), "aud", {"api", 1})),
            Reason::kInvalidClaimType);
  EXPECT_EQ(Check(With(Claims(), "aud", json::object())),
            Reason::kInvalidClaimType);
}

TEST(CheckClaims, AudNotContainingAudienceIsAudienceMismatch) {
  EXPECT_EQ(Check(With(Claims(), "aud", "API")), Reason::kAudienceMismatch);
  EXPECT_EQ(Check(With(Claims(), "aud", json::array())),
            Reason::kAudienceMismatch);
  EXPECT_EQ(Check(With(Claims(), "aud", {"other"})), Reason::kAudienceMismatch);
}

TEST(CheckClaims, ExpMissingIsMissingClaim) {
  EXPECT_EQ(Check(Without(Claims(), "exp")), Reason::kMissingClaim);
}

TEST(CheckClaims, NumericDateOfWrongTypeIsInvalidClaimType) {
  for (const char* name : {"exp", "nbf", "iat"}) {
    for (const json& bad : {json("1700000000"), json(true), json(nullptr),
                            json::object(), json::array()}) {
      EXPECT_EQ(Check(With(Claims(), name, bad)), Reason::kInvalidClaimType)
          << name << " = " << bad.dump();
    }
  }
}

TEST(CheckClaims, NumericDateBeyondIJsonRangeIsInvalidClaimType) {
  EXPECT_EQ(Check(With(Claims(), "exp", 9007199254740992.0)),
            Reason::kInvalidClaimType);
  EXPECT_EQ(Check(With(Claims(), "exp", 18446744073709551615ull)),
            Reason::kInvalidClaimType);
  EXPECT_EQ(Check(With(Claims(), "nbf", -9007199254740992.0)),
            Reason::kInvalidClaimType);
}

TEST(CheckClaims, NumericDateAtIJsonLimitIsANumber) {
  EXPECT_EQ(Check(With(Claims(), "exp", 9007199254740991ll)), Reason::kOk);
}

TEST(CheckClaims, FractionalExpIsAccepted) {
  EXPECT_EQ(Check(With(Claims(), "exp", kNow + 0.5)), Reason::kOk);
}

TEST(CheckClaims, NowEqualToExpPlusLeewayIsExpired) {
  EXPECT_EQ(Check(With(Claims(), "exp", kNow - 60)), Reason::kExpired);
}

TEST(CheckClaims, OneSecondBeforeExpPlusLeewayIsValid) {
  EXPECT_EQ(Check(With(Claims(), "exp", kNow - 59)), Reason::kOk);
}

TEST(CheckClaims, NbfBeyondLeewayIsNotYetValid) {
  EXPECT_EQ(Check(With(Claims(), "nbf", kNow + 61)), Reason::kNotYetValid);
  EXPECT_EQ(Check(With(Claims(), "nbf", kNow + 60)), Reason::kOk);
}

TEST(CheckClaims, IatBeyondLeewayIsIssuedInFuture) {
  EXPECT_EQ(Check(With(Claims(), "iat", kNow + 61)), Reason::kIssuedInFuture);
  EXPECT_EQ(Check(With(Claims(), "iat", kNow + 60)), Reason::kOk);
}

TEST(CheckClaims, IatOlderThanMaxAgeIsTooOld) {
  VerifierOptions options = Options();
  options.max_age = std::chrono::seconds(300);
  EXPECT_EQ(Check(With(Claims(), "iat", kNow - 361), options), Reason::kTooOld);
  EXPECT_EQ(Check(With(Claims(), "iat", kNow - 360), options), Reason::kOk);
}

TEST(CheckClaims, MaxAgeWithoutIatPasses) {
  VerifierOptions options = Options();
  options.max_age = std::chrono::seconds(300);
  EXPECT_EQ(Check(Without(Claims(), "iat"), options), Reason::kOk);
}

TEST(CheckClaims, ChecksRunInContractOrder) {
  json claims = {{"aud", 1}, {"exp", "x"}};
  EXPECT_EQ(Check(claims), Reason::kMissingClaim);  // sub first
  claims["sub"] = "w";
  EXPECT_EQ(CheckClaims(claims, Options(), kNow).detail,
            "aud is no string or array");
}

}  // namespace
}  // namespace jwtconf
