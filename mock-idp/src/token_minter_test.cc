#include "jwtconf/mock_idp/token_minter.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "test_oracle.h"

namespace jwtconf::mockidp {
namespace {

using testing::Base64UrlDecode;

std::vector<std::string> Split(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = token.find('.', start)) != std::string::npos;
       start = dot + 1) {
    parts.push_back(token.substr(start, dot - start));
  }
  parts.push_back(token.substr(start));
  return parts;
}

std::string SigningInput(const std::vector<std::string>& parts) {
  return parts[0] + "." + parts[1];
}

class MintTokenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = new SigningKey(SigningKey::Generate({KeyType::kRsa, 2048, ""}));
    ec_ = new SigningKey(SigningKey::Generate({KeyType::kEc, 0, "P-521"}));
  }
  static void TearDownTestSuite() {
    delete rsa_;
    delete ec_;
  }

  static TokenSpec Spec(const SigningKey* key, std::string alg,
                        SignatureMode mode = SignatureMode::kValid) {
    TokenSpec spec;
    spec.header_json = R"({"alg":")" + alg + R"(","typ":"JWT"})";
    spec.payload_json = R"({"sub":"alice"})";
    spec.alg = std::move(alg);
    spec.key = key;
    spec.mode = mode;
    return spec;
  }

  static bool Verifies(const SigningKey& key, const std::string& alg,
                       const std::string& token) {
    const std::vector<std::string> parts = Split(token);
    auto pkey = testing::PublicKeyFromJwk(key.PublicJwk());
    return testing::Verify(pkey.get(), alg, SigningInput(parts),
                           Base64UrlDecode(parts[2]));
  }

  static SigningKey* rsa_;
  static SigningKey* ec_;
};

SigningKey* MintTokenTest::rsa_ = nullptr;
SigningKey* MintTokenTest::ec_ = nullptr;

TEST_F(MintTokenTest, ValidTokenEncodesExactTextsAndVerifies) {
  const std::string token = MintToken(Spec(rsa_, "RS256"));
  const std::vector<std::string> parts = Split(token);

  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(Base64UrlDecode(parts[0]), R"({"alg":"RS256","typ":"JWT"})");
  EXPECT_EQ(Base64UrlDecode(parts[1]), R"({"sub":"alice"})");
  EXPECT_TRUE(Verifies(*rsa_, "RS256", token));
}

TEST_F(MintTokenTest, HeaderAlgMayDifferFromSigningAlg) {
  TokenSpec spec = Spec(rsa_, "PS256");
  spec.header_json = R"({"alg":"RS256"})";

  EXPECT_TRUE(Verifies(*rsa_, "PS256", MintToken(spec)));
}

TEST_F(MintTokenTest, ExactPartTextsAreSignedAsGiven) {
  TokenSpec spec = Spec(rsa_, "RS256");
  spec.header_b64 = "eyJhbGciOiJSUzI1NiJ9=";  // padding a verifier must refuse
  spec.payload_b64 = "_-8";
  const std::vector<std::string> parts = Split(MintToken(spec));

  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0], "eyJhbGciOiJSUzI1NiJ9=");
  EXPECT_EQ(parts[1], "_-8");
  EXPECT_TRUE(Verifies(*rsa_, "RS256", MintToken(spec)));
}

TEST_F(MintTokenTest, TamperedFlipsOneBitInTheMiddle) {
  const std::string valid = MintToken(Spec(ec_, "ES512"));
  const std::string tampered =
      MintToken(Spec(rsa_, "RS256", SignatureMode::kTampered));
  const std::string sig = Base64UrlDecode(Split(tampered)[2]);

  EXPECT_EQ(sig.size(), 256u);
  EXPECT_FALSE(Verifies(*rsa_, "RS256", tampered));
  EXPECT_TRUE(Verifies(*ec_, "ES512", valid));
}

TEST_F(MintTokenTest, TamperedHmacDiffersFromValidInExactlyOneBit) {
  TokenSpec spec = Spec(nullptr, "HS256");
  spec.hmac_secret = "secret";
  const std::string valid = Base64UrlDecode(Split(MintToken(spec))[2]);
  spec.mode = SignatureMode::kTampered;
  const std::string tampered = Base64UrlDecode(Split(MintToken(spec))[2]);

  ASSERT_EQ(valid.size(), tampered.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const int flipped = valid[i] ^ tampered[i];
    EXPECT_EQ(flipped, i == valid.size() / 2 ? 1 : 0) << i;
  }
}

TEST_F(MintTokenTest, HmacSecretSignsWithHmac) {
  TokenSpec spec = Spec(rsa_, "HS256");
  spec.hmac_secret = "Jefe";
  const std::vector<std::string> parts = Split(MintToken(spec));

  EXPECT_EQ(Base64UrlDecode(parts[2]),
            HmacSign("HS256", "Jefe", SigningInput(parts)));
}

TEST_F(MintTokenTest, EmptyModeLeavesThirdPartEmpty) {
  const std::string token =
      MintToken(Spec(nullptr, "RS256", SignatureMode::kEmpty));

  EXPECT_TRUE(token.ends_with("."));
  EXPECT_EQ(Split(token).size(), 3u);
  EXPECT_EQ(Split(token)[2], "");
}

TEST_F(MintTokenTest, AlgNoneHasEmptySignature) {
  EXPECT_TRUE(MintToken(Spec(nullptr, "none")).ends_with("."));
}

TEST_F(MintTokenTest, TruncatedDropsLastByte) {
  const std::string token =
      MintToken(Spec(ec_, "ES512", SignatureMode::kTruncated));

  EXPECT_EQ(Base64UrlDecode(Split(token)[2]).size(), 131u);
}

TEST_F(MintTokenTest, EcdsaDerModeProducesDer) {
  const std::string sig = Base64UrlDecode(
      Split(MintToken(Spec(ec_, "ES512", SignatureMode::kEcdsaDer)))[2]);

  EXPECT_EQ(static_cast<unsigned char>(sig[0]), 0x30);
  EXPECT_NE(sig.size(), 132u);
}

TEST_F(MintTokenTest, EcdsaZeroRKeepsAValidLookingS) {
  const std::string sig = Base64UrlDecode(
      Split(MintToken(Spec(ec_, "ES512", SignatureMode::kEcdsaZeroR)))[2]);

  ASSERT_EQ(sig.size(), 132u);
  EXPECT_EQ(sig.substr(0, 66), std::string(66, '\0'));
  EXPECT_NE(sig.substr(66), std::string(66, '\0'));
}

TEST_F(MintTokenTest, EcdsaZeroSKeepsAValidLookingR) {
  const std::string sig = Base64UrlDecode(
      Split(MintToken(Spec(ec_, "ES512", SignatureMode::kEcdsaZeroS)))[2]);

  ASSERT_EQ(sig.size(), 132u);
  EXPECT_NE(sig.substr(0, 66), std::string(66, '\0'));
  EXPECT_EQ(sig.substr(66), std::string(66, '\0'));
}

TEST_F(MintTokenTest, EcdsaOrderSPutsGroupOrderInS) {
  const std::string sig = Base64UrlDecode(
      Split(MintToken(Spec(ec_, "ES512", SignatureMode::kEcdsaOrderS)))[2]);

  ASSERT_EQ(sig.size(), 132u);
  EXPECT_EQ(sig.substr(66), EcGroupOrder("P-521"));
}

TEST_F(MintTokenTest, UnsignableSpecsAreRejected) {
  EXPECT_THROW(MintToken(Spec(nullptr, "RS256")), std::invalid_argument);
  EXPECT_THROW(MintToken(Spec(rsa_, "HS256")), std::invalid_argument);
  EXPECT_THROW(MintToken(Spec(rsa_, "ES256", SignatureMode::kEcdsaZeroR)),
               std::invalid_argument);
  EXPECT_THROW(MintToken(Spec(nullptr, "none", SignatureMode::kTampered)),
               std::invalid_argument);

  TokenSpec rs_with_secret = Spec(rsa_, "RS256");
  rs_with_secret.hmac_secret = "s";
  EXPECT_THROW(MintToken(rs_with_secret), std::invalid_argument);
}

}  // namespace
}  // namespace jwtconf::mockidp
