#include "jwk.h"

#include <gtest/gtest.h>

#include "jwtconf/mock_idp/signing_key.h"

namespace jwtconf {
namespace {

using mockidp::KeySpec;
using mockidp::KeyType;
using mockidp::SigningKey;
using nlohmann::json;

json PublicJwkOf(const KeySpec& spec) {
  return SigningKey::Generate(spec).PublicJwk();
}

// Changes one sextet in the middle of y, which moves the point off the curve.
json WithYFlipped(json jwk) {
  std::string y = jwk["y"];
  y[5] = y[5] == 'A' ? 'B' : 'A';
  jwk["y"] = y;
  return jwk;
}

TEST(ParseJwk, RsaKeyIsUsable) {
  const ParsedJwk key = ParseJwk(PublicJwkOf({KeyType::kRsa, 2048, ""}));
  EXPECT_EQ(key.problem, Reason::kOk) << key.problem_detail;
  EXPECT_EQ(key.kty, "RSA");
  EXPECT_EQ(key.rsa_bits, 2048);
  EXPECT_TRUE(key.pkey);
}

TEST(ParseJwk, EcKeysOfEveryCurveAreUsable) {
  for (const char* curve : {"P-256", "P-384", "P-521"}) {
    const ParsedJwk key = ParseJwk(PublicJwkOf({KeyType::kEc, 0, curve}));
    EXPECT_EQ(key.problem, Reason::kOk) << curve << key.problem_detail;
    EXPECT_EQ(key.crv, curve);
  }
}

TEST(ParseJwk, Ed25519KeyIsUsable) {
  const ParsedJwk key = ParseJwk(PublicJwkOf({KeyType::kOkp, 0, "Ed25519"}));
  EXPECT_EQ(key.problem, Reason::kOk) << key.problem_detail;
  EXPECT_EQ(key.kty, "OKP");
}

TEST(ParseJwk, MetadataMembersAreKept) {
  json jwk = PublicJwkOf({KeyType::kOkp, 0, "Ed25519"});
  jwk["kid"] = "k1";
  jwk["alg"] = "EdDSA";
  jwk["use"] = "sig";
  jwk["key_ops"] = {"verify"};
  const ParsedJwk key = ParseJwk(jwk);
  EXPECT_EQ(key.problem, Reason::kOk);
  EXPECT_EQ(key.kid, "k1");
  EXPECT_EQ(key.alg, "EdDSA");
  EXPECT_EQ(key.use, "sig");
  EXPECT_EQ(key.key_ops, std::vector<std::string>{"verify"});
}

TEST(ParseJwk, Rsa1024IsWeakKey) {
  EXPECT_EQ(ParseJwk(PublicJwkOf({KeyType::kRsa, 1024, ""})).problem,
            Reason::kWeakKey);
}

TEST(ParseJwk, RsaEvenOrUnitExponentIsInvalidKey) {
  json jwk = PublicJwkOf({KeyType::kRsa, 2048, ""});
  jwk["e"] = "AQ";  // 1
  EXPECT_EQ(ParseJwk(jwk).problem, Reason::kInvalidKey);
  jwk["e"] = "AQAA";  // 65536
  EXPECT_EQ(ParseJwk(jwk).problem, Reason::kInvalidKey);
}

TEST(ParseJwk, EcPointOffCurveIsInvalidKey) {
  for (const char* curve : {"P-256", "P-384", "P-521"}) {
    const json jwk = WithYFlipped(PublicJwkOf({KeyType::kEc, 0, curve}));
    const ParsedJwk key = ParseJwk(jwk);
    EXPECT_EQ(key.problem, Reason::kInvalidKey) << curve;
    EXPECT_EQ(key.problem_detail, "ec point is not on the curve") << curve;
  }
}

TEST(ParseJwk, EcCoordinateOfWrongLengthIsInvalidKey) {
  json jwk = PublicJwkOf({KeyType::kEc, 0, "P-256"});
  jwk["x"] = std::string(jwk["x"]).substr(0, 40);  // 30 bytes
  EXPECT_EQ(ParseJwk(jwk).problem, Reason::kInvalidKey);
}

TEST(ParseJwk, EcCurveMismatchedWithCoordinatesIsInvalidKey) {
  json jwk = PublicJwkOf({KeyType::kEc, 0, "P-256"});
  jwk["crv"] = "P-384";
  EXPECT_EQ(ParseJwk(jwk).problem, Reason::kInvalidKey);
  jwk["crv"] = "secp256k1";
  EXPECT_EQ(ParseJwk(jwk).problem, Reason::kInvalidKey);
}

TEST(ParseJwk, OkpOfWrongLengthIsInvalidKey) {
  json jwk = PublicJwkOf({KeyType::kOkp, 0, "Ed25519"});
  jwk["x"] = "AAAA";
  EXPECT_EQ(ParseJwk(jwk).problem, Reason::kInvalidKey);
}

TEST(ParseJwk, PrivateMembersAreInvalidKey) {
  for (const KeySpec& spec :
       {KeySpec{KeyType::kRsa, 2048, ""}, KeySpec{KeyType::kEc, 0, "P-256"},
        KeySpec{KeyType::kOkp, 0, "Ed25519"}}) {
    const json jwk = SigningKey::Generate(spec).PrivateJwk();
    EXPECT_EQ(ParseJwk(jwk).problem, Reason::kInvalidKey) << jwk["kty"];
  }
}

TEST(ParseJwk, SymmetricKeyIsInvalidKey) {
  EXPECT_EQ(ParseJwk({{"kty", "oct"}, {"k", "c2VjcmV0"}}).problem,
            Reason::kInvalidKey);
}

TEST(ParseJwk, UnknownKtyOrMissingMembersAreInvalidKey) {
  EXPECT_EQ(ParseJwk({{"kty", "XYZ"}}).problem, Reason::kInvalidKey);
  EXPECT_EQ(ParseJwk({{"n", "AQAB"}}).problem, Reason::kInvalidKey);
  EXPECT_EQ(ParseJwk({{"kty", "RSA"}, {"e", "AQAB"}}).problem,
            Reason::kInvalidKey);
  EXPECT_EQ(ParseJwk({{"kty", "EC"}, {"crv", "P-256"}}).problem,
            Reason::kInvalidKey);
  EXPECT_EQ(ParseJwk(json::array()).problem, Reason::kInvalidKey);
}

TEST(ParseJwk, MemberTypeErrorsAreInvalidKey) {
  const json good = PublicJwkOf({KeyType::kOkp, 0, "Ed25519"});
  for (const auto& [name, value] : {std::pair<const char*, json>{"kid", 1},
                                    {"kty", true},
                                    {"alg", 1},
                                    {"use", json::array()},
                                    {"key_ops", "verify"},
                                    {"key_ops", {"verify", 1}},
                                    {"crv", 25519},
                                    {"x", 5}}) {
    json jwk = good;
    jwk[name] = value;
    EXPECT_EQ(ParseJwk(jwk).problem, Reason::kInvalidKey) << name;
  }
}

TEST(ParseJwk, NonCanonicalBase64IsInvalidKey) {
  json jwk = PublicJwkOf({KeyType::kOkp, 0, "Ed25519"});
  jwk["x"] = std::string(jwk["x"]) + "=";
  EXPECT_EQ(ParseJwk(jwk).problem, Reason::kInvalidKey);
}

TEST(JwkSetParse, UnknownKtyIsSkippedWhileGoodKeyStays) {
  json good = PublicJwkOf({KeyType::kOkp, 0, "Ed25519"});
  good["kid"] = "good";
  const json set = {{"keys", {{{"kty", "XYZ"}, {"kid", "odd"}}, good}}};
  const JwkSet::ParseResult parsed = JwkSet::Parse(set.dump());
  ASSERT_EQ(parsed.reason, Reason::kOk);
  EXPECT_EQ(parsed.set->size(), 2u);
  EXPECT_EQ(parsed.set->UsableKids(), std::vector<std::string>{"good"});
}

TEST(JwkSetParse, NoKeysArrayIsJwksMalformed) {
  EXPECT_EQ(JwkSet::Parse("{}").reason, Reason::kJwksMalformed);
  EXPECT_EQ(JwkSet::Parse(R"({"keys":{}})").reason, Reason::kJwksMalformed);
  EXPECT_EQ(JwkSet::Parse("[]").reason, Reason::kJwksMalformed);
  EXPECT_EQ(JwkSet::Parse("not json").reason, Reason::kJwksMalformed);
}

TEST(JwkSetParse, DuplicateMemberIsDuplicateMember) {
  EXPECT_EQ(JwkSet::Parse(R"({"keys":[],"keys":[]})").reason,
            Reason::kDuplicateMember);
  EXPECT_EQ(JwkSet::Parse(R"({"keys":[{"kty":"EC","kty":"EC"}]})").reason,
            Reason::kDuplicateMember);
}

TEST(JwkSetParse, SetOfMoreThanAThousandKeysIsTooLarge) {
  nlohmann::json keys = nlohmann::json::array();
  for (int i = 0; i < 1001; ++i) keys.push_back({{"kty", "none"}});
  const JwkSet::ParseResult parsed =
      JwkSet::Parse(nlohmann::json{{"keys", keys}}.dump());
  EXPECT_EQ(parsed.reason, Reason::kTooLarge);
  keys.erase(keys.begin());
  EXPECT_EQ(JwkSet::Parse(nlohmann::json{{"keys", keys}}.dump()).reason,
            Reason::kOk);
}

TEST(JwkSetParse, EmptyKeysArrayIsAnEmptySet) {
  const JwkSet::ParseResult parsed = JwkSet::Parse(R"({"keys":[]})");
  ASSERT_EQ(parsed.reason, Reason::kOk);
  EXPECT_EQ(parsed.set->size(), 0u);
}

}  // namespace
}  // namespace jwtconf
