#include "signature.h"

#include <gtest/gtest.h>

#include "jwtconf/mock_idp/signing_key.h"
#include "jwtconf/reference/verifier.h"
#include "test_keys.h"

namespace jwtconf {
namespace {

using testing::KeyFor;
using testing::PublicJwkFor;

constexpr std::string_view kInput = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ3In0";

class SignatureTest : public ::testing::TestWithParam<std::string> {
 protected:
  const std::string& alg() const { return GetParam(); }
  ParsedJwk Key() const { return ParseJwk(PublicJwkFor(alg(), "k")); }
  std::string Sign() const { return KeyFor(alg()).Sign(alg(), kInput); }
};

TEST_P(SignatureTest, ValidSignatureVerifies) {
  EXPECT_TRUE(VerifySignature(Key(), alg(), kInput, Sign()));
}

TEST_P(SignatureTest, EveryFlippedBitFails) {
  const ParsedJwk key = Key();
  const std::string signature = Sign();
  for (std::size_t i = 0; i < signature.size(); i += 7) {
    std::string tampered = signature;
    tampered[i] ^= static_cast<char>(1 << (i % 8));
    EXPECT_FALSE(VerifySignature(key, alg(), kInput, tampered)) << "byte " << i;
  }
}

TEST_P(SignatureTest, TruncatedOrEmptySignatureFails) {
  std::string signature = Sign();
  signature.pop_back();
  EXPECT_FALSE(VerifySignature(Key(), alg(), kInput, signature));
  EXPECT_FALSE(VerifySignature(Key(), alg(), kInput, ""));
}

TEST_P(SignatureTest, ChangedInputFails) {
  EXPECT_FALSE(
      VerifySignature(Key(), alg(), "x" + std::string(kInput), Sign()));
}

TEST_P(SignatureTest, KeyFitsItsOwnAlgorithm) {
  EXPECT_TRUE(KeyFitsAlgorithm(Key(), alg()));
}

INSTANTIATE_TEST_SUITE_P(AllProfileAlgorithms, SignatureTest,
                         ::testing::ValuesIn(AllProfileAlgorithms()));

TEST(VerifySignature, PkcsSignatureDoesNotPassAsPss) {
  const ParsedJwk key = ParseJwk(PublicJwkFor("RS256", "k"));
  const std::string signature = KeyFor("RS256").Sign("RS256", kInput);
  EXPECT_FALSE(VerifySignature(key, "PS256", kInput, signature));
}

TEST(VerifySignature, EcdsaDerIsRefused) {
  const ParsedJwk key = ParseJwk(PublicJwkFor("ES256", "k"));
  const std::string der = KeyFor("ES256").SignEcdsaDer("ES256", kInput);
  EXPECT_FALSE(VerifySignature(key, "ES256", kInput, der));
}

TEST(VerifySignature, EcdsaOutOfRangeHalvesAreRefused) {
  for (const std::string alg : {"ES256", "ES384", "ES512"}) {
    const ParsedJwk key = ParseJwk(PublicJwkFor(alg, "k"));
    const std::string good = KeyFor(alg).Sign(alg, kInput);
    const std::size_t half = good.size() / 2;
    const std::string order = mockidp::EcGroupOrder(KeyFor(alg).spec().curve);

    std::string zero_r = good;
    zero_r.replace(0, half, half, '\0');
    std::string zero_s = good;
    zero_s.replace(half, half, half, '\0');
    std::string order_s = good;
    order_s.replace(half, half, order);
    std::string order_r = good;
    order_r.replace(0, half, order);

    EXPECT_FALSE(VerifySignature(key, alg, kInput, zero_r)) << alg;
    EXPECT_FALSE(VerifySignature(key, alg, kInput, zero_s)) << alg;
    EXPECT_FALSE(VerifySignature(key, alg, kInput, order_s)) << alg;
    EXPECT_FALSE(VerifySignature(key, alg, kInput, order_r)) << alg;
  }
}

TEST(VerifySignature, EcdsaOfWrongLengthIsRefused) {
  const ParsedJwk key = ParseJwk(PublicJwkFor("ES256", "k"));
  const std::string good = KeyFor("ES256").Sign("ES256", kInput);
  EXPECT_FALSE(
      VerifySignature(key, "ES256", kInput, std::string(1, '\0') + good));
  EXPECT_FALSE(VerifySignature(key, "ES256", kInput, good + good));
}

TEST(KeyFitsAlgorithm, KeyTypeAndCurveMustFit) {
  const ParsedJwk rsa = ParseJwk(PublicJwkFor("RS256", "r"));
  const ParsedJwk p256 = ParseJwk(PublicJwkFor("ES256", "e"));
  const ParsedJwk ed = ParseJwk(PublicJwkFor("EdDSA", "o"));
  EXPECT_TRUE(KeyFitsAlgorithm(rsa, "PS512"));
  EXPECT_FALSE(KeyFitsAlgorithm(rsa, "ES256"));
  EXPECT_FALSE(KeyFitsAlgorithm(p256, "ES384"));
  EXPECT_FALSE(KeyFitsAlgorithm(p256, "EdDSA"));
  EXPECT_FALSE(KeyFitsAlgorithm(ed, "RS256"));
  EXPECT_FALSE(KeyFitsAlgorithm(rsa, "HS256"));
}

TEST(VerifySignature, SignatureByAnotherKeyFails) {
  const ParsedJwk other = ParseJwk(
      mockidp::SigningKey::Generate({mockidp::KeyType::kOkp, 0, "Ed25519"})
          .PublicJwk());
  EXPECT_FALSE(VerifySignature(other, "EdDSA", kInput,
                               KeyFor("EdDSA").Sign("EdDSA", kInput)));
}

}  // namespace
}  // namespace jwtconf
