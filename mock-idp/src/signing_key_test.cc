#include "jwtconf/mock_idp/signing_key.h"

#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <stdexcept>
#include <string>

#include "test_oracle.h"

namespace jwtconf::mockidp {
namespace {

using testing::Base64UrlDecode;

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0x0f];
  }
  return out;
}

std::size_t DecodedSize(const nlohmann::json& jwk, const char* member) {
  return Base64UrlDecode(jwk.at(member).get<std::string>()).size();
}

// Key generation is slow for RSA; each kind is generated once per run.
const SigningKey& CachedKey(const std::string& name) {
  static std::map<std::string, SigningKey> keys;
  auto it = keys.find(name);
  if (it != keys.end()) return it->second;

  KeySpec spec;
  if (name == "RSA-2048") spec = {KeyType::kRsa, 2048, ""};
  if (name == "RSA-1024") spec = {KeyType::kRsa, 1024, ""};
  if (name.starts_with("P-")) spec = {KeyType::kEc, 0, name};
  if (name == "Ed25519") spec = {KeyType::kOkp, 0, name};
  return keys.emplace(name, SigningKey::Generate(spec)).first->second;
}

TEST(SigningKeyTest, RsaJwkHasModulusOfKeySizeAndF4Exponent) {
  const SigningKey& key = CachedKey("RSA-2048");
  const nlohmann::json jwk = key.PublicJwk();

  EXPECT_EQ(key.spec().type, KeyType::kRsa);
  EXPECT_EQ(key.spec().rsa_bits, 2048);
  EXPECT_EQ(jwk.size(), 3u);
  EXPECT_EQ(jwk.at("kty"), "RSA");
  EXPECT_EQ(DecodedSize(jwk, "n"), 256u);
  EXPECT_EQ(jwk.at("e"), "AQAB");
}

TEST(SigningKeyTest, WeakRsa1024KeyCanBeGenerated) {
  const SigningKey& key = CachedKey("RSA-1024");

  EXPECT_EQ(key.spec().rsa_bits, 1024);
  EXPECT_EQ(DecodedSize(key.PublicJwk(), "n"), 128u);
}

TEST(SigningKeyTest, RsaPrivateJwkHasAllCrtMembers) {
  const nlohmann::json jwk = CachedKey("RSA-2048").PrivateJwk();

  for (const char* member : {"n", "e", "d", "p", "q", "dp", "dq", "qi"}) {
    EXPECT_TRUE(jwk.contains(member)) << member;
  }
  EXPECT_EQ(DecodedSize(jwk, "p"), 128u);
}

TEST(SigningKeyTest, EcJwkCoordinatesArePaddedToCurveLength) {
  const std::map<std::string, std::size_t> widths = {
      {"P-256", 32}, {"P-384", 48}, {"P-521", 66}};
  for (const auto& [curve, width] : widths) {
    const nlohmann::json jwk = CachedKey(curve).PrivateJwk();

    EXPECT_EQ(jwk.at("kty"), "EC");
    EXPECT_EQ(jwk.at("crv"), curve);
    EXPECT_EQ(DecodedSize(jwk, "x"), width) << curve;
    EXPECT_EQ(DecodedSize(jwk, "y"), width) << curve;
    EXPECT_EQ(DecodedSize(jwk, "d"), width) << curve;
    EXPECT_EQ(CachedKey(curve).PublicJwk().size(), 4u);
  }
}

TEST(SigningKeyTest, Ed25519JwkIsOkpWith32ByteMembers) {
  const nlohmann::json jwk = CachedKey("Ed25519").PrivateJwk();

  EXPECT_EQ(jwk.at("kty"), "OKP");
  EXPECT_EQ(jwk.at("crv"), "Ed25519");
  EXPECT_EQ(DecodedSize(jwk, "x"), 32u);
  EXPECT_EQ(DecodedSize(jwk, "d"), 32u);
  EXPECT_FALSE(CachedKey("Ed25519").PublicJwk().contains("d"));
}

TEST(SigningKeyTest, RawPublicKeysMatchTheJwkMembers) {
  const SigningKey& rsa = CachedKey("RSA-2048");
  EXPECT_EQ(rsa.RawPublicKey(),
            Base64UrlDecode(rsa.PublicJwk().at("n").get<std::string>()));
  EXPECT_EQ(rsa.RsaPublicExponent(), std::string("\x01\x00\x01", 3));

  const SigningKey& ec = CachedKey("P-256");
  const nlohmann::json jwk = ec.PublicJwk();
  EXPECT_EQ(ec.RawPublicKey(),
            "\x04" + Base64UrlDecode(jwk.at("x").get<std::string>()) +
                Base64UrlDecode(jwk.at("y").get<std::string>()));
  EXPECT_THROW(ec.RsaPublicExponent(), std::invalid_argument);

  const SigningKey& okp = CachedKey("Ed25519");
  EXPECT_EQ(okp.RawPublicKey(),
            Base64UrlDecode(okp.PublicJwk().at("x").get<std::string>()));
}

TEST(SigningKeyTest, UnknownCurveIsRejected) {
  EXPECT_THROW(SigningKey::Generate({KeyType::kEc, 0, "P-224"}),
               std::invalid_argument);
  EXPECT_THROW(SigningKey::Generate({KeyType::kOkp, 0, "Ed448"}),
               std::invalid_argument);
}

TEST(SigningKeyTest, PemRoundTripKeepsTheKey) {
  for (const char* name : {"RSA-2048", "P-384", "Ed25519"}) {
    const SigningKey& key = CachedKey(name);
    const std::string pem = key.PrivatePem();
    const SigningKey parsed = SigningKey::FromPrivatePem(pem);

    EXPECT_TRUE(pem.starts_with("-----BEGIN PRIVATE KEY-----")) << name;
    EXPECT_EQ(parsed.PrivateJwk(), key.PrivateJwk()) << name;
    EXPECT_EQ(parsed.spec().curve, key.spec().curve) << name;
  }
}

TEST(SigningKeyTest, PublicPemAndDerAreSubjectPublicKeyInfo) {
  const SigningKey& key = CachedKey("P-256");

  EXPECT_TRUE(key.PublicPem().starts_with("-----BEGIN PUBLIC KEY-----"));
  EXPECT_EQ(static_cast<unsigned char>(key.PublicDer()[0]), 0x30);
  EXPECT_NE(testing::PublicKeyFromDer(key.PublicDer()), nullptr);
}

TEST(SigningKeyTest, GarbagePemIsRejected) {
  EXPECT_THROW(SigningKey::FromPrivatePem("not a key"), std::runtime_error);
}

struct SignCase {
  std::string alg;
  std::string key;
  std::size_t signature_bytes;
};

void PrintTo(const SignCase& c, std::ostream* os) {
  *os << c.alg << " with " << c.key;
}

class SignTest : public ::testing::TestWithParam<SignCase> {};

TEST_P(SignTest, SignatureVerifiesWithJwkAndDerKeys) {
  const SignCase& c = GetParam();
  const SigningKey& key = CachedKey(c.key);
  const std::string input = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0";

  const std::string sig = key.Sign(c.alg, input);

  EXPECT_EQ(sig.size(), c.signature_bytes);
  auto from_jwk = testing::PublicKeyFromJwk(key.PublicJwk());
  auto from_der = testing::PublicKeyFromDer(key.PublicDer());
  ASSERT_NE(from_jwk, nullptr);
  ASSERT_NE(from_der, nullptr);
  EXPECT_TRUE(testing::Verify(from_jwk.get(), c.alg, input, sig));
  EXPECT_TRUE(testing::Verify(from_der.get(), c.alg, input, sig));
  EXPECT_FALSE(testing::Verify(from_jwk.get(), c.alg, input + "x", sig));
}

INSTANTIATE_TEST_SUITE_P(
    AllAlgs, SignTest,
    ::testing::Values(
        SignCase{"RS256", "RSA-2048", 256}, SignCase{"RS384", "RSA-2048", 256},
        SignCase{"RS512", "RSA-2048", 256}, SignCase{"RS256", "RSA-1024", 128},
        SignCase{"PS256", "RSA-2048", 256}, SignCase{"PS384", "RSA-2048", 256},
        SignCase{"PS512", "RSA-2048", 256}, SignCase{"ES256", "P-256", 64},
        SignCase{"ES384", "P-384", 96}, SignCase{"ES512", "P-521", 132},
        SignCase{"EdDSA", "Ed25519", 64}),
    [](const auto& info) {
      return info.param.alg +
             (info.param.key == "RSA-1024" ? std::string("_Rsa1024") : "");
    });

TEST(SigningKeyTest, AlgThatDoesNotFitTheKeyIsRejected) {
  EXPECT_THROW(CachedKey("P-384").Sign("ES256", "x"), std::invalid_argument);
  EXPECT_THROW(CachedKey("P-256").Sign("RS256", "x"), std::invalid_argument);
  EXPECT_THROW(CachedKey("P-256").Sign("PS256", "x"), std::invalid_argument);
  EXPECT_THROW(CachedKey("RSA-2048").Sign("ES256", "x"), std::invalid_argument);
  EXPECT_THROW(CachedKey("RSA-2048").Sign("EdDSA", "x"), std::invalid_argument);
  EXPECT_THROW(CachedKey("Ed25519").Sign("ES256", "x"), std::invalid_argument);
  EXPECT_THROW(CachedKey("RSA-2048").Sign("HS256", "x"), std::invalid_argument);
  EXPECT_THROW(CachedKey("RSA-2048").Sign("none", "x"), std::invalid_argument);
}

TEST(SigningKeyTest, EcdsaDerSignatureIsDerAndVerifies) {
  const SigningKey& key = CachedKey("P-256");
  const std::string der = key.SignEcdsaDer("ES256", "input");
  auto pkey = testing::PublicKeyFromDer(key.PublicDer());

  EXPECT_EQ(static_cast<unsigned char>(der[0]), 0x30);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ASSERT_EQ(
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, pkey.get()), 1);
  EXPECT_EQ(EVP_DigestVerify(
                ctx, reinterpret_cast<const unsigned char*>(der.data()),
                der.size(), reinterpret_cast<const unsigned char*>("input"), 5),
            1);
  EVP_MD_CTX_free(ctx);
  EXPECT_THROW(key.SignEcdsaDer("RS256", "input"), std::invalid_argument);
}

TEST(EcGroupOrderTest, KnownOrdersAtCoordinateLength) {
  EXPECT_EQ(Hex(EcGroupOrder("P-256")),
            "ffffffff00000000ffffffffffffffff"
            "bce6faada7179e84f3b9cac2fc632551");
  EXPECT_EQ(EcGroupOrder("P-384").size(), 48u);
  const std::string p521 = EcGroupOrder("P-521");
  EXPECT_EQ(p521.size(), 66u);
  EXPECT_EQ(Hex(p521.substr(0, 2)), "01ff");
  EXPECT_THROW(EcGroupOrder("Ed25519"), std::invalid_argument);
}

// RFC 4231 section 4.3, test case 2.
TEST(HmacSignTest, Rfc4231TestCase2) {
  const std::string data = "what do ya want for nothing?";

  EXPECT_EQ(Hex(HmacSign("HS256", "Jefe", data)),
            "5bdcc146bf60754e6a042426089575c7"
            "5a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(Hex(HmacSign("HS384", "Jefe", data)),
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47"
            "e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649");
  EXPECT_EQ(Hex(HmacSign("HS512", "Jefe", data)),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
}

TEST(HmacSignTest, EmptyKeyIsAValidKey) {
  EXPECT_EQ(Hex(HmacSign("HS256", "", "")),
            "b613679a0814d9ec772f95d778c35fc5"
            "ff1697c493715653c6c712144292c5ad");
}

TEST(HmacSignTest, NonHmacAlgIsRejected) {
  EXPECT_THROW(HmacSign("RS256", "k", "x"), std::invalid_argument);
}

}  // namespace
}  // namespace jwtconf::mockidp
