#include "jwtconf/reference/verifier.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "jwtconf/mock_idp/signing_key.h"
#include "jwtconf/mock_idp/token_minter.h"
#include "test_keys.h"

namespace jwtconf {
namespace {

using mockidp::MintToken;
using mockidp::SignatureMode;
using mockidp::TokenSpec;
using nlohmann::json;
using std::chrono::seconds;
using testing::KeyFor;
using testing::PublicJwkFor;

constexpr long long kNow = 1'700'000'000;
constexpr const char* kIssuer = "https://issuer.example";

std::string KidFor(const std::string& alg) {
  if (alg == "ES256") return "p256";
  if (alg == "ES384") return "p384";
  if (alg == "ES512") return "p521";
  if (alg == "EdDSA") return "ed";
  return "rsa";
}

std::shared_ptr<const JwkSet> SetOf(const std::vector<json>& keys) {
  JwkSet::ParseResult parsed = JwkSet::Parse(json{{"keys", keys}}.dump());
  if (parsed.reason != Reason::kOk) throw std::runtime_error(parsed.detail);
  return parsed.set;
}

std::vector<json> DefaultJwks() {
  return {PublicJwkFor("RS256", "rsa"), PublicJwkFor("ES256", "p256"),
          PublicJwkFor("ES384", "p384"), PublicJwkFor("ES512", "p521"),
          PublicJwkFor("EdDSA", "ed")};
}

// Answers with a fixed set and counts what it was asked.
class CountingKeySource final : public KeySource {
 public:
  explicit CountingKeySource(std::shared_ptr<const JwkSet> keys)
      : keys_(std::move(keys)) {}
  KeyLookup Keys(const std::string& issuer, bool unknown_kid) override {
    issuers.push_back(issuer);
    unknown_kid_calls += unknown_kid ? 1 : 0;
    if (failure != Reason::kOk) return {failure, "fake failure", nullptr};
    return {Reason::kOk, {}, unknown_kid && refreshed ? refreshed : keys_};
  }

  std::vector<std::string> issuers;
  int unknown_kid_calls = 0;
  Reason failure = Reason::kOk;
  std::shared_ptr<const JwkSet> refreshed;

 private:
  std::shared_ptr<const JwkSet> keys_;
};

class VerifierTest : public ::testing::Test {
 protected:
  static VerifierOptions Options() {
    VerifierOptions options;
    options.issuers = {"https://other.example", kIssuer};
    options.audience = "api";
    options.leeway = seconds(60);
    return options;
  }

  static json Header(const std::string& alg) {
    return {{"alg", alg}, {"typ", "JWT"}, {"kid", KidFor(alg)}};
  }

  static json Payload() {
    return {{"iss", kIssuer},
            {"sub", "workload-1"},
            {"aud", "api"},
            {"exp", kNow + 600},
            {"iat", kNow - 10}};
  }

  static std::string Token(const json& header, const json& payload,
                           const std::string& alg,
                           SignatureMode mode = SignatureMode::kValid) {
    TokenSpec spec;
    spec.header_json = header.dump();
    spec.payload_json = payload.dump();
    spec.alg = alg;
    spec.key = &KeyFor(alg);
    spec.mode = mode;
    return MintToken(spec);
  }

  static std::string Token(const json& header,
                           const json& payload = Payload()) {
    return Token(header, payload, "ES256");
  }

  static std::string HeaderWith(const char* name, json value) {
    json header = Header("ES256");
    header[name] = std::move(value);
    return Token(header);
  }

  Verification Verify(const std::string& token,
                      const VerifierOptions& options = Options()) {
    return Verifier(options, source_, clock_).Verify(token);
  }

  Reason VerifyReason(const std::string& token,
                      const VerifierOptions& options = Options()) {
    return Verify(token, options).reason;
  }

  Reason VerifyWithKeys(const std::vector<json>& keys,
                        const std::string& token) {
    CountingKeySource source(SetOf(keys));
    return Verifier(Options(), source, clock_).Verify(token).reason;
  }

  FixedClock clock_{TimePoint(seconds(kNow))};
  CountingKeySource source_{SetOf(DefaultJwks())};
};

// ---- JWS-8, JWS-11: every profile algorithm ----

class VerifierAlgorithmTest
    : public VerifierTest,
      public ::testing::WithParamInterface<std::string> {};

TEST_P(VerifierAlgorithmTest, ValidTokenIsAccepted) {
  const std::string& alg = GetParam();
  const Verification v = Verify(Token(Header(alg), Payload(), alg));
  ASSERT_EQ(v.reason, Reason::kOk) << v.detail;
  EXPECT_EQ(v.kid, KidFor(alg));
  EXPECT_EQ(v.issuer, kIssuer);
  EXPECT_EQ(v.subject, "workload-1");
  EXPECT_EQ(v.header["alg"], alg);
  EXPECT_EQ(v.claims["aud"], "api");
}

TEST_P(VerifierAlgorithmTest, TamperedSignatureIsBadSignature) {
  const std::string& alg = GetParam();
  EXPECT_EQ(VerifyReason(
                Token(Header(alg), Payload(), alg, SignatureMode::kTampered)),
            Reason::kBadSignature);
}

TEST_P(VerifierAlgorithmTest, TruncatedSignatureIsBadSignature) {
  const std::string& alg = GetParam();
  EXPECT_EQ(VerifyReason(
                Token(Header(alg), Payload(), alg, SignatureMode::kTruncated)),
            Reason::kBadSignature);
}

TEST_P(VerifierAlgorithmTest, ChangedPayloadIsBadSignature) {
  const std::string& alg = GetParam();
  const std::string token = Token(Header(alg), Payload(), alg);
  json other = Payload();
  other["sub"] = "workload-2";
  const std::string forged = Token(Header(alg), other, alg);
  const std::size_t first = token.find('.');
  const std::size_t second = token.find('.', first + 1);
  const std::size_t forged_second = forged.find('.', forged.find('.') + 1);
  const std::string spliced =
      forged.substr(0, forged_second) + token.substr(second);
  EXPECT_EQ(VerifyReason(spliced), Reason::kBadSignature);
}

INSTANTIATE_TEST_SUITE_P(AllProfileAlgorithms, VerifierAlgorithmTest,
                         ::testing::ValuesIn(AllProfileAlgorithms()));

TEST_F(VerifierTest, EmptySignatureIsBadSignature) {
  EXPECT_EQ(VerifyReason(Token(Header("ES256"), Payload(), "ES256",
                               SignatureMode::kEmpty)),
            Reason::kBadSignature);
}

// ---- JWS-7: ECDSA signature form ----

TEST_F(VerifierTest, EcdsaDerIsBadSignature) {
  EXPECT_EQ(VerifyReason(Token(Header("ES256"), Payload(), "ES256",
                               SignatureMode::kEcdsaDer)),
            Reason::kBadSignature);
}

TEST_F(VerifierTest, EcdsaZeroROrSOrOrderSIsBadSignature) {
  for (SignatureMode mode :
       {SignatureMode::kEcdsaZeroR, SignatureMode::kEcdsaZeroS,
        SignatureMode::kEcdsaOrderS}) {
    for (const std::string alg : {"ES256", "ES384", "ES512"}) {
      EXPECT_EQ(VerifyReason(Token(Header(alg), Payload(), alg, mode)),
                Reason::kBadSignature)
          << alg << " mode " << static_cast<int>(mode);
    }
  }
}

// ---- ROB-1, JWS-1: size and compact form ----

TEST_F(VerifierTest, OversizedTokenIsTooLarge) {
  VerifierOptions options = Options();
  options.max_token_bytes = 64;
  EXPECT_EQ(VerifyReason(Token(Header("ES256")), options), Reason::kTooLarge);
}

TEST_F(VerifierTest, WrongPartCountIsMalformedToken) {
  const std::string token = Token(Header("ES256"));
  const std::string two = token.substr(0, token.rfind('.'));
  EXPECT_EQ(VerifyReason(two), Reason::kMalformedToken);
  EXPECT_EQ(VerifyReason(token + ".e30"), Reason::kMalformedToken);
  EXPECT_EQ(VerifyReason(token + ".e30.e30"), Reason::kMalformedToken);
  EXPECT_EQ(VerifyReason(""), Reason::kMalformedToken);
  EXPECT_EQ(VerifyReason("abc"), Reason::kMalformedToken);
}

TEST_F(VerifierTest, JsonSerializationIsMalformedToken) {
  EXPECT_EQ(VerifyReason(R"({"payload":"e30","signatures":[]})"),
            Reason::kMalformedToken);
}

TEST_F(VerifierTest, EmptyHeaderOrPayloadIsMalformedToken) {
  const std::string token = Token(Header("ES256"));
  const std::size_t first = token.find('.');
  const std::size_t second = token.find('.', first + 1);
  EXPECT_EQ(VerifyReason(token.substr(first)), Reason::kMalformedToken);
  EXPECT_EQ(VerifyReason(token.substr(0, first + 1) + token.substr(second)),
            Reason::kMalformedToken);
}

TEST_F(VerifierTest, NonBase64UrlPartIsMalformedToken) {
  const std::string token = Token(Header("ES256"));
  const std::size_t first = token.find('.');
  EXPECT_EQ(VerifyReason(token + "="), Reason::kMalformedToken);
  EXPECT_EQ(VerifyReason("+" + token.substr(1)), Reason::kMalformedToken);
  EXPECT_EQ(VerifyReason(token.substr(0, first) + "=" + token.substr(first)),
            Reason::kMalformedToken);
  EXPECT_EQ(VerifyReason(token.substr(0, first) + " " + token.substr(first)),
            Reason::kMalformedToken);
}

// ---- JWS-2: header JSON ----

TEST_F(VerifierTest, DuplicateHeaderMemberIsDuplicateMember) {
  TokenSpec spec;
  spec.header_json = R"({"alg":"ES256","kid":"p256","alg":"ES256"})";
  spec.payload_json = Payload().dump();
  spec.alg = "ES256";
  spec.key = &KeyFor("ES256");
  EXPECT_EQ(VerifyReason(MintToken(spec)), Reason::kDuplicateMember);
}

TEST_F(VerifierTest, HeaderNotAJsonObjectIsMalformedHeader) {
  for (const char* header : {"[]", "not json", "\"ES256\"", "{\"alg\":"}) {
    TokenSpec spec;
    spec.header_json = header;
    spec.payload_json = Payload().dump();
    spec.alg = "ES256";
    spec.key = &KeyFor("ES256");
    EXPECT_EQ(VerifyReason(MintToken(spec)), Reason::kMalformedHeader)
        << header;
  }
}

TEST_F(VerifierTest, HeaderWithInvalidUtf8IsMalformedHeader) {
  TokenSpec spec;
  spec.header_json = "{\"alg\":\"ES256\",\"x\":\"\xFF\"}";
  spec.payload_json = Payload().dump();
  spec.alg = "ES256";
  spec.key = &KeyFor("ES256");
  EXPECT_EQ(VerifyReason(MintToken(spec)), Reason::kMalformedHeader);
}

// ---- JWS-3, JWS-4: alg ----

TEST_F(VerifierTest, MissingOrNonStringAlgIsMalformedHeader) {
  json header = Header("ES256");
  header.erase("alg");
  EXPECT_EQ(VerifyReason(Token(header)), Reason::kMalformedHeader);
  EXPECT_EQ(VerifyReason(HeaderWith("alg", json::array({"ES256"}))),
            Reason::kMalformedHeader);
}

TEST_F(VerifierTest, AlgNoneInAnySpellingIsAlgNone) {
  for (const char* none : {"none", "None", "NONE", "nOnE"}) {
    json header = Header("ES256");
    header["alg"] = none;
    TokenSpec spec;
    spec.header_json = header.dump();
    spec.payload_json = Payload().dump();
    spec.alg = "none";
    EXPECT_EQ(VerifyReason(MintToken(spec)), Reason::kAlgNone) << none;
  }
}

TEST_F(VerifierTest, HmacAlgIsUnsupportedAlg) {
  for (const char* alg : {"HS256", "HS384", "HS512"}) {
    json header = Header("ES256");
    header["alg"] = alg;
    TokenSpec spec;
    spec.header_json = header.dump();
    spec.payload_json = Payload().dump();
    spec.alg = alg;
    spec.hmac_secret = KeyFor("ES256").PublicPem();
    EXPECT_EQ(VerifyReason(MintToken(spec)), Reason::kUnsupportedAlg) << alg;
  }
}

TEST_F(VerifierTest, UnknownAlgIsUnsupportedAlg) {
  EXPECT_EQ(VerifyReason(HeaderWith("alg", "ES256K")), Reason::kUnsupportedAlg);
  EXPECT_EQ(VerifyReason(HeaderWith("alg", "es256")), Reason::kUnsupportedAlg);
}

TEST_F(VerifierTest, AlgOutsideConfiguredListIsUnsupportedAlg) {
  VerifierOptions options = Options();
  options.algorithms = {"RS256"};
  EXPECT_EQ(VerifyReason(Token(Header("ES256")), options),
            Reason::kUnsupportedAlg);
}

// ---- JWS-5, JWS-6: crit, b64 and key sources in the header ----

TEST_F(VerifierTest, CritIsCritUnsupported) {
  EXPECT_EQ(VerifyReason(HeaderWith("crit", {"exp"})),
            Reason::kCritUnsupported);
  EXPECT_EQ(VerifyReason(HeaderWith("crit", json::array())),
            Reason::kCritUnsupported);
}

TEST_F(VerifierTest, B64OtherThanTrueIsCritUnsupported) {
  EXPECT_EQ(VerifyReason(HeaderWith("b64", false)), Reason::kCritUnsupported);
  EXPECT_EQ(VerifyReason(HeaderWith("b64", "true")), Reason::kCritUnsupported);
  EXPECT_EQ(VerifyReason(HeaderWith("b64", true)), Reason::kOk);
}

TEST_F(VerifierTest, KeySourceHeadersAreUntrustedKeySource) {
  EXPECT_EQ(VerifyReason(HeaderWith("jku", "https://evil.example/jwks")),
            Reason::kUntrustedKeySource);
  EXPECT_EQ(VerifyReason(HeaderWith("jwk", PublicJwkFor("ES256", "p256"))),
            Reason::kUntrustedKeySource);
  EXPECT_EQ(VerifyReason(HeaderWith("x5u", "https://evil.example/cert")),
            Reason::kUntrustedKeySource);
  EXPECT_EQ(VerifyReason(HeaderWith("x5c", {"MIIB"})),
            Reason::kUntrustedKeySource);
}

// ---- JWS-9, JWS-10: typ and cty ----

TEST_F(VerifierTest, NonStringTypIsMalformedHeader) {
  EXPECT_EQ(VerifyReason(HeaderWith("typ", 1)), Reason::kMalformedHeader);
}

TEST_F(VerifierTest, AnyStringTypPassesWithoutExpectedTyp) {
  EXPECT_EQ(VerifyReason(HeaderWith("typ", "whatever")), Reason::kOk);
}

TEST_F(VerifierTest, ExpectedTypComparesCaseInsensitivelyWithoutPrefix) {
  VerifierOptions options = Options();
  options.expected_typ = "at+jwt";
  EXPECT_EQ(VerifyReason(HeaderWith("typ", "at+jwt"), options), Reason::kOk);
  EXPECT_EQ(VerifyReason(HeaderWith("typ", "application/AT+JWT"), options),
            Reason::kOk);
  EXPECT_EQ(VerifyReason(HeaderWith("typ", "JWT"), options), Reason::kWrongTyp);
}

TEST_F(VerifierTest, AbsentTypWithExpectedTypIsWrongTyp) {
  VerifierOptions options = Options();
  options.expected_typ = "at+jwt";
  json header = Header("ES256");
  header.erase("typ");
  EXPECT_EQ(VerifyReason(Token(header), options), Reason::kWrongTyp);
}

TEST_F(VerifierTest, CtyJwtIsNestedJwt) {
  for (const char* cty : {"JWT", "jwt", "application/jwt", "Application/JWT"}) {
    EXPECT_EQ(VerifyReason(HeaderWith("cty", cty)), Reason::kNestedJwt) << cty;
  }
}

TEST_F(VerifierTest, NonStringCtyIsMalformedHeader) {
  EXPECT_EQ(VerifyReason(HeaderWith("cty", 1)), Reason::kMalformedHeader);
}

TEST_F(VerifierTest, OtherCtyPasses) {
  EXPECT_EQ(VerifyReason(HeaderWith("cty", "json")), Reason::kOk);
}

TEST_F(VerifierTest, NonStringKidIsMalformedHeader) {
  EXPECT_EQ(VerifyReason(HeaderWith("kid", 1)), Reason::kMalformedHeader);
}

// ---- JWT-1: payload JSON ----

TEST_F(VerifierTest, DuplicateClaimIsDuplicateMember) {
  TokenSpec spec;
  spec.header_json = Header("ES256").dump();
  spec.payload_json = R"({"iss":"https://issuer.example","sub":"a","sub":"b"})";
  spec.alg = "ES256";
  spec.key = &KeyFor("ES256");
  EXPECT_EQ(VerifyReason(MintToken(spec)), Reason::kDuplicateMember);
}

TEST_F(VerifierTest, PayloadNotAJsonObjectIsMalformedPayload) {
  for (const char* payload : {"[]", "hello", "{\"exp\":1e400}"}) {
    TokenSpec spec;
    spec.header_json = Header("ES256").dump();
    spec.payload_json = payload;
    spec.alg = "ES256";
    spec.key = &KeyFor("ES256");
    EXPECT_EQ(VerifyReason(MintToken(spec)), Reason::kMalformedPayload)
        << payload;
  }
}

TEST_F(VerifierTest, WithoutClaimChecksPayloadIsNotParsed) {
  VerifierOptions options = Options();
  options.check_claims = false;
  options.audience.clear();
  TokenSpec spec;
  spec.header_json = Header("ES256").dump();
  spec.payload_json = "not json at all";
  spec.alg = "ES256";
  spec.key = &KeyFor("ES256");
  const Verification v = Verify(MintToken(spec), options);
  EXPECT_EQ(v.reason, Reason::kOk) << v.detail;
  EXPECT_EQ(v.issuer, "https://other.example");
  EXPECT_TRUE(v.claims.is_null());
}

// ---- DISC-1, JWT-2: iss before any key lookup ----

TEST_F(VerifierTest, MissingIssIsMissingClaimWithoutKeyLookup) {
  json payload = Payload();
  payload.erase("iss");
  EXPECT_EQ(VerifyReason(Token(Header("ES256"), payload)),
            Reason::kMissingClaim);
  EXPECT_TRUE(source_.issuers.empty());
}

TEST_F(VerifierTest, NonStringIssIsInvalidClaimType) {
  json payload = Payload();
  payload["iss"] = json::array({kIssuer});
  EXPECT_EQ(VerifyReason(Token(Header("ES256"), payload)),
            Reason::kInvalidClaimType);
}

TEST_F(VerifierTest, UntrustedIssIsIssuerMismatchWithoutKeyLookup) {
  for (const char* iss : {"https://evil.example", "https://issuer.example/",
                          "HTTPS://issuer.example"}) {
    json payload = Payload();
    payload["iss"] = iss;
    EXPECT_EQ(VerifyReason(Token(Header("ES256"), payload)),
              Reason::kIssuerMismatch)
        << iss;
  }
  EXPECT_TRUE(source_.issuers.empty());
}

TEST_F(VerifierTest, KeysAreLookedUpForTheTokensIssuer) {
  ASSERT_EQ(VerifyReason(Token(Header("ES256"))), Reason::kOk);
  EXPECT_EQ(source_.issuers, std::vector<std::string>{kIssuer});
}

TEST_F(VerifierTest, KeyLookupFailureIsReturned) {
  source_.failure = Reason::kDiscoveryIssuerMismatch;
  const Verification v = Verify(Token(Header("ES256")));
  EXPECT_EQ(v.reason, Reason::kDiscoveryIssuerMismatch);
  EXPECT_EQ(v.detail, "fake failure");
}

// ---- JWKS-2..10: key selection ----

TEST_F(VerifierTest, UnknownKidRefetchesOnceThenIsUnknownKid) {
  EXPECT_EQ(VerifyReason(HeaderWith("kid", "rotated")), Reason::kUnknownKid);
  EXPECT_EQ(source_.unknown_kid_calls, 1);
}

TEST_F(VerifierTest, UnknownKidFoundAfterRefetchIsAccepted) {
  source_.refreshed = SetOf({PublicJwkFor("ES256", "rotated")});
  const Verification v = Verify(HeaderWith("kid", "rotated"));
  EXPECT_EQ(v.reason, Reason::kOk) << v.detail;
  EXPECT_EQ(v.kid, "rotated");
}

TEST_F(VerifierTest, KidMatchesExactly) {
  EXPECT_EQ(VerifyReason(HeaderWith("kid", "P256")), Reason::kUnknownKid);
}

TEST_F(VerifierTest, WithoutKidEveryFittingKeyIsTried) {
  json header = Header("ES256");
  header.erase("kid");
  const Verification v = Verify(Token(header));
  EXPECT_EQ(v.reason, Reason::kOk) << v.detail;
  EXPECT_EQ(v.kid, "p256");
}

TEST_F(VerifierTest, WithoutKidAndNoFittingKeyIsNoSuitableKey) {
  json header = Header("ES256");
  header.erase("kid");
  EXPECT_EQ(VerifyWithKeys({PublicJwkFor("RS256", "rsa")}, Token(header)),
            Reason::kNoSuitableKey);
  EXPECT_EQ(VerifyWithKeys({}, Token(header)), Reason::kNoSuitableKey);
}

TEST_F(VerifierTest, KidOfAnotherKeyTypeIsAlgKeyMismatch) {
  EXPECT_EQ(VerifyReason(HeaderWith("kid", "rsa")), Reason::kAlgKeyMismatch);
  EXPECT_EQ(VerifyReason(HeaderWith("kid", "p384")), Reason::kAlgKeyMismatch);
}

TEST_F(VerifierTest, KeyBoundToAnotherAlgIsAlgKeyMismatch) {
  json jwk = PublicJwkFor("RS256", "rsa");
  jwk["alg"] = "PS256";
  EXPECT_EQ(VerifyWithKeys({jwk}, Token(Header("RS256"), Payload(), "RS256")),
            Reason::kAlgKeyMismatch);
}

TEST_F(VerifierTest, KeyForEncryptionIsKeyUseMismatch) {
  json jwk = PublicJwkFor("ES256", "p256");
  jwk["use"] = "enc";
  EXPECT_EQ(VerifyWithKeys({jwk}, Token(Header("ES256"))),
            Reason::kKeyUseMismatch);
}

TEST_F(VerifierTest, KeyOpsWithoutVerifyIsKeyUseMismatch) {
  json jwk = PublicJwkFor("ES256", "p256");
  jwk["key_ops"] = {"sign"};
  EXPECT_EQ(VerifyWithKeys({jwk}, Token(Header("ES256"))),
            Reason::kKeyUseMismatch);
  jwk["key_ops"] = {"sign", "verify"};
  EXPECT_EQ(VerifyWithKeys({jwk}, Token(Header("ES256"))), Reason::kOk);
}

TEST_F(VerifierTest, WeakKeyNamedByKidIsWeakKey) {
  json jwk = mockidp::SigningKey::Generate({mockidp::KeyType::kRsa, 1024, ""})
                 .PublicJwk();
  jwk["kid"] = "rsa";
  EXPECT_EQ(VerifyWithKeys({jwk}, Token(Header("RS256"), Payload(), "RS256")),
            Reason::kWeakKey);
}

TEST_F(VerifierTest, KeyWithPrivateMembersNamedByKidIsInvalidKey) {
  json jwk = KeyFor("ES256").PrivateJwk();
  jwk["kid"] = "p256";
  EXPECT_EQ(VerifyWithKeys({jwk}, Token(Header("ES256"))), Reason::kInvalidKey);
}

TEST_F(VerifierTest, UnknownKtyBesideGoodKeyIsSkipped) {
  json odd = {{"kty", "XYZ"}, {"kid", "p256"}};
  EXPECT_EQ(VerifyWithKeys({odd, PublicJwkFor("ES256", "p256")},
                           Token(Header("ES256"))),
            Reason::kOk);
}

TEST_F(VerifierTest, SecondKeyWithSameKidMayVerify) {
  json other =
      mockidp::SigningKey::Generate({mockidp::KeyType::kEc, 0, "P-256"})
          .PublicJwk();
  other["kid"] = "p256";
  EXPECT_EQ(VerifyWithKeys({other, PublicJwkFor("ES256", "p256")},
                           Token(Header("ES256"))),
            Reason::kOk);
}

// ---- JWT-3..9: claims through the verifier ----

TEST_F(VerifierTest, NowEqualToExpPlusLeewayIsExpired) {
  json payload = Payload();
  payload["exp"] = kNow - 60;
  EXPECT_EQ(VerifyReason(Token(Header("ES256"), payload)), Reason::kExpired);
}

TEST_F(VerifierTest, OneSecondBeforeExpPlusLeewayIsAccepted) {
  json payload = Payload();
  payload["exp"] = kNow - 59;
  EXPECT_EQ(VerifyReason(Token(Header("ES256"), payload)), Reason::kOk);
}

TEST_F(VerifierTest, ClockAdvancePastExpIsExpired) {
  const std::string token = Token(Header("ES256"));
  clock_.Advance(seconds(660));
  EXPECT_EQ(VerifyReason(token), Reason::kExpired);
}

TEST_F(VerifierTest, ClaimFailuresKeepHeaderAndClaims) {
  json payload = Payload();
  payload["aud"] = "other";
  const Verification v = Verify(Token(Header("ES256"), payload));
  EXPECT_EQ(v.reason, Reason::kAudienceMismatch);
  EXPECT_EQ(v.header["alg"], "ES256");
  EXPECT_EQ(v.claims["aud"], "other");
}

TEST_F(VerifierTest, StringExpIsInvalidClaimType) {
  json payload = Payload();
  payload["exp"] = std::to_string(kNow + 600);
  EXPECT_EQ(VerifyReason(Token(Header("ES256"), payload)),
            Reason::kInvalidClaimType);
}

TEST_F(VerifierTest, MissingSubIsMissingClaim) {
  json payload = Payload();
  payload.erase("sub");
  EXPECT_EQ(VerifyReason(Token(Header("ES256"), payload)),
            Reason::kMissingClaim);
}

TEST_F(VerifierTest, SignatureIsCheckedBeforeClaims) {
  json payload = Payload();
  payload["exp"] = kNow - 1000;
  EXPECT_EQ(VerifyReason(Token(Header("ES256"), payload, "ES256",
                               SignatureMode::kTampered)),
            Reason::kBadSignature);
}

// ---- configuration ----

TEST_F(VerifierTest, UnusableConfigurationThrows) {
  VerifierOptions no_audience = Options();
  no_audience.audience.clear();
  EXPECT_THROW(Verifier(no_audience, source_, clock_), std::invalid_argument);

  VerifierOptions no_issuers = Options();
  no_issuers.issuers.clear();
  EXPECT_THROW(Verifier(no_issuers, source_, clock_), std::invalid_argument);

  VerifierOptions hmac = Options();
  hmac.algorithms = {"ES256", "HS256"};
  EXPECT_THROW(Verifier(hmac, source_, clock_), std::invalid_argument);

  VerifierOptions negative = Options();
  negative.leeway = seconds(-1);
  EXPECT_THROW(Verifier(negative, source_, clock_), std::invalid_argument);
}

TEST_F(VerifierTest, NoClaimChecksAllowsEmptyAudienceAndIssuers) {
  VerifierOptions options = Options();
  options.check_claims = false;
  options.audience.clear();
  options.issuers.clear();
  EXPECT_NO_THROW(Verifier(options, source_, clock_));
}

}  // namespace
}  // namespace jwtconf
