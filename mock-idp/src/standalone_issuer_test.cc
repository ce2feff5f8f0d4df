#include "jwtconf/mock_idp/standalone_issuer.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "jwk_thumbprint.h"
#include "key_ring.h"
#include "test_oracle.h"

namespace jwtconf::mockidp {
namespace {

using testing::Base64UrlDecode;

constexpr std::chrono::sys_seconds kNow{std::chrono::seconds(1700000000)};

struct DecodedToken {
  nlohmann::json header;
  nlohmann::json payload;
  std::string signing_input;
  std::string signature;
};

DecodedToken Decode(const std::string& token) {
  const std::size_t first = token.find('.');
  const std::size_t second = token.find('.', first + 1);
  return {nlohmann::json::parse(Base64UrlDecode(token.substr(0, first))),
          nlohmann::json::parse(
              Base64UrlDecode(token.substr(first + 1, second - first - 1))),
          token.substr(0, second), Base64UrlDecode(token.substr(second + 1))};
}

// True when a key of `jwks` with the token's kid verifies the token.
bool VerifiesWithJwks(const std::string& token, const nlohmann::json& jwks) {
  const DecodedToken decoded = Decode(token);
  for (const nlohmann::json& jwk : jwks.at("keys")) {
    if (jwk.at("kid") != decoded.header.at("kid")) continue;
    auto pkey = testing::PublicKeyFromJwk(jwk);
    return testing::Verify(pkey.get(), decoded.header.at("alg"),
                           decoded.signing_input, decoded.signature);
  }
  return false;
}

std::vector<std::string> Kids(const nlohmann::json& jwks) {
  std::vector<std::string> kids;
  for (const nlohmann::json& jwk : jwks.at("keys")) kids.push_back(jwk["kid"]);
  return kids;
}

httplib::Client ClientFor(StandaloneIssuer& issuer) {
  httplib::Client client("127.0.0.1", issuer.server().port());
  client.set_connection_timeout(std::chrono::seconds(1));
  client.set_read_timeout(std::chrono::seconds(5));
  return client;
}

nlohmann::json GetJson(StandaloneIssuer& issuer, const std::string& path) {
  auto res = ClientFor(issuer).Get(path);
  if (!res || res->status != 200) return nullptr;
  return nlohmann::json::parse(res->body);
}

// Generating RSA keys is slow, so the suite shares one issuer; tests that
// rotate keys make their own.
class StandaloneIssuerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    StandaloneOptions options;
    options.issuers = {"tenant-a", "tenant-b"};
    options.algs = {"RS256", "ES256", "EdDSA"};
    options.now = [] { return kNow; };
    shared_ = new StandaloneIssuer(options);
    shared_->Start();
  }
  static void TearDownTestSuite() { delete shared_; }

  static std::unique_ptr<StandaloneIssuer> EcOnlyIssuer() {
    StandaloneOptions options;
    options.issuers = {"solo", "other"};
    options.algs = {"ES256", "EdDSA"};
    auto issuer = std::make_unique<StandaloneIssuer>(options);
    issuer->Start();
    return issuer;
  }

  httplib::Client Client() { return ClientFor(issuer_); }
  nlohmann::json GetJson(const std::string& path) {
    return mockidp::GetJson(issuer_, path);
  }

  static StandaloneIssuer* shared_;
  StandaloneIssuer& issuer_ = *shared_;
};

StandaloneIssuer* StandaloneIssuerTest::shared_ = nullptr;

TEST_F(StandaloneIssuerTest, DiscoveryPointsAtTheIssuerJwks) {
  const nlohmann::json doc =
      GetJson("/tenant-a/.well-known/openid-configuration");

  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc.at("issuer"), issuer_.IssuerUrl("tenant-a"));
  EXPECT_EQ(doc.at("jwks_uri"), issuer_.JwksUrl("tenant-a"));
  EXPECT_EQ(doc.at("id_token_signing_alg_values_supported"),
            nlohmann::json({"RS256", "ES256", "EdDSA"}));
}

TEST_F(StandaloneIssuerTest, JwksHasOneKeyPerAlgAndIsCacheable) {
  auto res = Client().Get("/tenant-a/jwks.json");

  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "max-age=300");
  const nlohmann::json jwks = nlohmann::json::parse(res->body);
  ASSERT_EQ(jwks.at("keys").size(), 3u);
  EXPECT_EQ(jwks["keys"][0]["kty"], "RSA");
  EXPECT_EQ(jwks["keys"][1]["crv"], "P-256");
  EXPECT_EQ(jwks["keys"][2]["crv"], "Ed25519");
  for (const nlohmann::json& jwk : jwks["keys"]) {
    EXPECT_EQ(jwk.at("use"), "sig");
    EXPECT_FALSE(jwk.contains("d"));
    EXPECT_FALSE(jwk.at("kid").get<std::string>().empty());
  }
  EXPECT_EQ(jwks, issuer_.Jwks("tenant-a"));
}

TEST_F(StandaloneIssuerTest, IssuersHaveTheirOwnKeys) {
  EXPECT_NE(Kids(issuer_.Jwks("tenant-a")), Kids(issuer_.Jwks("tenant-b")));
}

TEST_F(StandaloneIssuerTest, MintFillsDefaultsAndSignsWithCurrentKey) {
  const std::string token = issuer_.Mint("tenant-a", {{"sub", "alice"}});
  const DecodedToken decoded = Decode(token);

  EXPECT_EQ(decoded.header.at("alg"), "RS256");
  EXPECT_EQ(decoded.header.at("typ"), "JWT");
  EXPECT_EQ(decoded.payload.at("sub"), "alice");
  EXPECT_EQ(decoded.payload.at("iss"), issuer_.IssuerUrl("tenant-a"));
  EXPECT_EQ(decoded.payload.at("iat"), 1700000000);
  EXPECT_EQ(decoded.payload.at("exp"), 1700000600);
  EXPECT_TRUE(VerifiesWithJwks(token, issuer_.Jwks("tenant-a")));
  EXPECT_FALSE(VerifiesWithJwks(token, issuer_.Jwks("tenant-b")));
}

TEST_F(StandaloneIssuerTest, MintKeepsGivenClaims) {
  const DecodedToken decoded = Decode(issuer_.Mint(
      "tenant-a", {{"iss", "other"}, {"exp", 5}, {"iat", 1}}, "EdDSA"));

  EXPECT_EQ(decoded.payload.at("iss"), "other");
  EXPECT_EQ(decoded.payload.at("exp"), 5);
  EXPECT_EQ(decoded.payload.at("iat"), 1);
  EXPECT_EQ(decoded.header.at("alg"), "EdDSA");
}

TEST_F(StandaloneIssuerTest, MintRejectsUnknownIssuerAlgOrNonObjectClaims) {
  EXPECT_THROW(issuer_.Mint("nobody", {}), std::invalid_argument);
  EXPECT_THROW(issuer_.Mint("tenant-a", {}, "PS256"), std::invalid_argument);
  EXPECT_THROW(issuer_.Mint("tenant-a", nlohmann::json::array()),
               std::invalid_argument);
}

TEST_F(StandaloneIssuerTest, MintEndpointAnswersAToken) {
  auto res = Client().Post("/tenant-b/mint?alg=ES256", R"({"sub":"bob"})",
                           "application/json");

  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain");
  EXPECT_EQ(Decode(res->body).header.at("alg"), "ES256");
  EXPECT_EQ(Decode(res->body).payload.at("sub"), "bob");
  EXPECT_TRUE(VerifiesWithJwks(res->body, GetJson("/tenant-b/jwks.json")));
}

TEST_F(StandaloneIssuerTest, MintEndpointWithEmptyBodyUsesDefaults) {
  auto res = Client().Post("/tenant-a/mint", "", "application/json");

  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(Decode(res->body).payload.at("exp"), 1700000600);
}

TEST_F(StandaloneIssuerTest, MintEndpointRefusesBadRequests) {
  httplib::Client client = Client();

  auto not_json = client.Post("/tenant-a/mint", "{", "application/json");
  auto array = client.Post("/tenant-a/mint", "[]", "application/json");
  auto bad_alg = client.Post("/tenant-a/mint?alg=HS256", "{}", "text/plain");
  auto get = client.Get("/tenant-a/mint");

  ASSERT_TRUE(not_json && array && bad_alg && get);
  EXPECT_EQ(not_json->status, 400);
  EXPECT_EQ(array->status, 400);
  EXPECT_EQ(bad_alg->status, 400);
  EXPECT_EQ(get->status, 405);
}

TEST_F(StandaloneIssuerTest, RotationKeepsThePreviousKeyForOneGeneration) {
  const auto solo = EcOnlyIssuer();
  const std::vector<std::string> initial = Kids(solo->Jwks("solo"));
  const std::string old_token = solo->Mint("solo", nullptr);

  solo->Rotate("solo");
  const std::vector<std::string> after_one = Kids(solo->Jwks("solo"));
  const std::string new_token = solo->Mint("solo", nullptr);
  solo->Rotate("solo");
  const std::vector<std::string> after_two = Kids(solo->Jwks("solo"));

  ASSERT_EQ(initial.size(), 2u);
  ASSERT_EQ(after_one.size(), 4u);
  EXPECT_EQ(std::vector(after_one.begin() + 2, after_one.end()), initial);
  EXPECT_NE(after_one[0], initial[0]);
  EXPECT_EQ(Decode(new_token).header.at("kid"), after_one[0]);
  ASSERT_EQ(after_two.size(), 4u);
  EXPECT_EQ(std::vector(after_two.begin() + 2, after_two.end()),
            std::vector(after_one.begin(), after_one.begin() + 2));
  EXPECT_FALSE(VerifiesWithJwks(old_token, solo->Jwks("solo")));
  EXPECT_TRUE(VerifiesWithJwks(new_token, solo->Jwks("solo")));
}

TEST_F(StandaloneIssuerTest, RotateEndpointPublishesNewKeys) {
  const auto solo = EcOnlyIssuer();
  const std::vector<std::string> before =
      Kids(mockidp::GetJson(*solo, "/solo/jwks.json"));

  auto res = ClientFor(*solo).Post("/solo/rotate", "", "text/plain");

  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const nlohmann::json kids = nlohmann::json::parse(res->body).at("kids");
  const std::vector<std::string> after =
      Kids(mockidp::GetJson(*solo, "/solo/jwks.json"));
  ASSERT_EQ(after.size(), 4u);
  EXPECT_EQ(kids,
            nlohmann::json(std::vector(after.begin(), after.begin() + 2)));
  EXPECT_EQ(std::vector(after.begin() + 2, after.end()), before);
  EXPECT_EQ(Kids(mockidp::GetJson(*solo, "/other/jwks.json")).size(), 2u);
}

TEST(StandaloneIssuerConfigTest, BadConfigurationIsRejected) {
  const auto make = [](std::vector<std::string> issuers,
                       std::vector<std::string> algs) {
    StandaloneOptions options;
    options.issuers = std::move(issuers);
    options.algs = std::move(algs);
    StandaloneIssuer issuer(options);
  };

  EXPECT_THROW(make({"a/b"}, {"RS256"}), std::invalid_argument);
  EXPECT_THROW(make({""}, {"RS256"}), std::invalid_argument);
  EXPECT_THROW(make({}, {"RS256"}), std::invalid_argument);
  EXPECT_THROW(make({"a", "a"}, {"RS256"}), std::invalid_argument);
  EXPECT_THROW(make({"a"}, {"HS256"}), std::invalid_argument);
  EXPECT_THROW(make({"a"}, {"XS999"}), std::invalid_argument);
  EXPECT_THROW(make({"a"}, {"ES256", "ES256"}), std::invalid_argument);
  EXPECT_THROW(make({"a"}, {}), std::invalid_argument);
}

TEST(KeySpecForAlgTest, MapsEachAlgToItsKeyType) {
  EXPECT_EQ(internal::KeySpecForAlg("PS384").type, KeyType::kRsa);
  EXPECT_EQ(internal::KeySpecForAlg("ES512").curve, "P-521");
  EXPECT_EQ(internal::KeySpecForAlg("EdDSA").curve, "Ed25519");
  EXPECT_THROW(internal::KeySpecForAlg("RS1"), std::invalid_argument);
}

// RFC 7638 section 3.1 example.
TEST(JwkThumbprintTest, Rfc7638Example) {
  const nlohmann::json jwk = {
      {"kty", "RSA"},
      {"e", "AQAB"},
      {"n",
       "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7"
       "aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBX"
       "Arwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9"
       "c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM"
       "4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}};

  EXPECT_EQ(internal::JwkThumbprint(jwk),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

}  // namespace
}  // namespace jwtconf::mockidp
