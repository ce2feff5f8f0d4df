#include "server/token_endpoint.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "jwtconf/mock_idp/signing_key.h"
#include "jwtconf/mock_idp/token_minter.h"
#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/verifier.h"
#include "server/reference_server.h"
#include "test_keys.h"

namespace jwtconf {
namespace {

using nlohmann::json;

constexpr char kIssuer[] = "https://issuer.test";
constexpr char kResourceAudience[] = "api";
constexpr char kTokenUrl[] = "http://127.0.0.1:8080/token";
constexpr char kForm[] = "application/x-www-form-urlencoded";
constexpr long kNow = 1'700'000'000;

std::string GrantBody(const std::string& assertion) {
  return "grant_type=" + std::string(kJwtBearerGrantType) +
         "&assertion=" + assertion;
}

std::string ClientBody(const std::string& assertion) {
  return "grant_type=client_credentials&client_assertion_type=" +
         std::string(kJwtBearerClientAssertionType) +
         "&client_assertion=" + assertion;
}

class TokenEndpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = std::make_unique<StaticKeySource>(
        jwtconf::testing::JwkSetFor("RS256", "k1"));
    endpoint_ = MakeEndpoint({});
  }

  std::unique_ptr<TokenEndpoint> MakeEndpoint(TokenEndpointOptions options) {
    VerifierOptions assertions;
    assertions.issuers = {kIssuer};
    assertions.audience = kTokenUrl;
    return std::make_unique<TokenEndpoint>(assertions, *keys_, clock_, options);
  }

  // Claims of a valid assertion for the token endpoint, changed by `merge`;
  // a null member is removed.
  static std::string Mint(const json& merge = json::object()) {
    json claims = {{"iss", kIssuer},    {"sub", "workload-1"},
                   {"aud", kTokenUrl},  {"iat", kNow - 10},
                   {"exp", kNow + 300}, {"jti", "jti-1"}};
    for (const auto& [name, value] : merge.items()) {
      if (value.is_null()) {
        claims.erase(name);
      } else {
        claims[name] = value;
      }
    }
    mockidp::TokenSpec spec;
    spec.header_json = R"({"alg":"RS256","kid":"k1","typ":"JWT"})";
    spec.payload_json = claims.dump();
    spec.alg = "RS256";
    spec.key = &jwtconf::testing::KeyFor("RS256");
    return mockidp::MintToken(spec);
  }

  TokenResponse Post(const std::string& body) const {
    return endpoint_->Handle(kForm, body);
  }

  static void ExpectRefused(const TokenResponse& response,
                            const std::string& error,
                            const std::string& reason) {
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(response.body["error"], error);
    EXPECT_EQ(response.body["reason"], reason);
    EXPECT_FALSE(response.body.contains("access_token"));
  }

  FixedClock clock_{TimePoint(std::chrono::seconds(kNow))};
  std::unique_ptr<StaticKeySource> keys_;
  std::unique_ptr<TokenEndpoint> endpoint_;
};

TEST_F(TokenEndpointTest, JwtBearerGrantGetsAccessToken) {
  const TokenResponse response = Post(GrantBody(Mint()));
  EXPECT_EQ(response.status, 200) << response.body.dump();
  EXPECT_EQ(response.body["token_type"], "Bearer");
  EXPECT_EQ(response.body["expires_in"], 300);
  ASSERT_TRUE(response.body["access_token"].is_string());
  EXPECT_EQ(response.body["access_token"].get<std::string>().size(), 43u);
}

TEST_F(TokenEndpointTest, ClientAssertionAuthenticatesClientCredentials) {
  const TokenResponse response = Post(ClientBody(Mint()));
  EXPECT_EQ(response.status, 200) << response.body.dump();
  EXPECT_EQ(response.body["token_type"], "Bearer");
}

TEST_F(TokenEndpointTest, ClientAssertionWithJwtBearerGrantIsAccepted) {
  const std::string body =
      GrantBody(Mint({{"jti", "grant"}})) +
      "&client_assertion_type=" + std::string(kJwtBearerClientAssertionType) +
      "&client_assertion=" + Mint({{"jti", "client"}});
  EXPECT_EQ(Post(body).status, 200);
}

TEST_F(TokenEndpointTest, AccessTokensDiffer) {
  const json first = Post(GrantBody(Mint({{"jti", "a"}}))).body;
  const json second = Post(GrantBody(Mint({{"jti", "b"}}))).body;
  EXPECT_NE(first["access_token"], second["access_token"]);
}

TEST_F(TokenEndpointTest, ResourceAudienceIsInvalidGrant) {
  ExpectRefused(Post(GrantBody(Mint({{"aud", kResourceAudience}}))),
                "invalid_grant", "audience_mismatch");
}

TEST_F(TokenEndpointTest, ClientAssertionForResourceIsInvalidClient) {
  ExpectRefused(Post(ClientBody(Mint({{"aud", kResourceAudience}}))),
                "invalid_client", "audience_mismatch");
}

TEST_F(TokenEndpointTest, MissingSubIsInvalidGrant) {
  ExpectRefused(Post(GrantBody(Mint({{"sub", nullptr}}))), "invalid_grant",
                "missing_claim");
}

TEST_F(TokenEndpointTest, ExpiredAssertionIsInvalidGrant) {
  ExpectRefused(Post(GrantBody(Mint({{"exp", kNow - 3600}}))), "invalid_grant",
                "expired");
}

TEST_F(TokenEndpointTest, ReplayedGrantJtiIsRefused) {
  const std::string assertion = Mint();
  EXPECT_EQ(Post(GrantBody(assertion)).status, 200);
  ExpectRefused(Post(GrantBody(assertion)), "invalid_grant", "replayed_jti");
}

TEST_F(TokenEndpointTest, ReplayedClientAssertionJtiIsRefused) {
  EXPECT_EQ(Post(ClientBody(Mint())).status, 200);
  ExpectRefused(Post(ClientBody(Mint({{"iat", kNow - 5}}))), "invalid_client",
                "replayed_jti");
}

TEST_F(TokenEndpointTest, JtiIsSharedBetweenGrantAndClientAssertion) {
  EXPECT_EQ(Post(ClientBody(Mint())).status, 200);
  ExpectRefused(Post(GrantBody(Mint())), "invalid_grant", "replayed_jti");
}

TEST_F(TokenEndpointTest, JtiIsForgottenOnceTheAssertionWouldHaveExpired) {
  EXPECT_EQ(Post(GrantBody(Mint())).status, 200);
  // exp + 60 s leeway has passed: the first assertion could not be replayed.
  clock_.Advance(std::chrono::seconds(361));
  EXPECT_EQ(Post(GrantBody(Mint({{"exp", kNow + 900}}))).status, 200);
}

TEST_F(TokenEndpointTest, JtiIsRememberedUntilExpPlusLeeway) {
  EXPECT_EQ(Post(GrantBody(Mint())).status, 200);
  clock_.Advance(std::chrono::seconds(359));
  ExpectRefused(Post(GrantBody(Mint({{"exp", kNow + 900}}))), "invalid_grant",
                "replayed_jti");
}

TEST_F(TokenEndpointTest, AssertionWithoutJtiIsAcceptedAgain) {
  const std::string assertion = Mint({{"jti", nullptr}});
  EXPECT_EQ(Post(GrantBody(assertion)).status, 200);
  EXPECT_EQ(Post(GrantBody(assertion)).status, 200);
}

TEST_F(TokenEndpointTest, NonStringJtiIsInvalidClaimType) {
  ExpectRefused(Post(GrantBody(Mint({{"jti", 7}}))), "invalid_grant",
                "invalid_claim_type");
}

TEST_F(TokenEndpointTest, FullJtiTableFailsClosed) {
  endpoint_ = MakeEndpoint({.max_seen_jtis = 1});
  EXPECT_EQ(Post(GrantBody(Mint({{"jti", "a"}}))).status, 200);
  ExpectRefused(Post(GrantBody(Mint({{"jti", "b"}}))), "invalid_grant",
                "too_large");
}

TEST_F(TokenEndpointTest, MissingAssertionIsInvalidRequest) {
  ExpectRefused(Post("grant_type=" + std::string(kJwtBearerGrantType)),
                "invalid_request", "invalid_request");
  ExpectRefused(Post(GrantBody("")), "invalid_request", "invalid_request");
}

TEST_F(TokenEndpointTest, RepeatedAssertionIsInvalidRequest) {
  ExpectRefused(Post(GrantBody(Mint()) + "&assertion=" + Mint()),
                "invalid_request", "invalid_request");
}

TEST_F(TokenEndpointTest, MissingGrantTypeIsInvalidRequest) {
  ExpectRefused(Post("assertion=" + Mint()), "invalid_request",
                "invalid_request");
}

TEST_F(TokenEndpointTest, OtherGrantTypeIsUnsupported) {
  ExpectRefused(Post("grant_type=password&username=a&password=b"),
                "unsupported_grant_type", "invalid_request");
}

TEST_F(TokenEndpointTest, ClientCredentialsWithoutAssertionIsInvalidClient) {
  ExpectRefused(Post("grant_type=client_credentials"), "invalid_client",
                "missing_credentials");
}

TEST_F(TokenEndpointTest, ClientAssertionWithoutTypeIsInvalidRequest) {
  ExpectRefused(
      Post("grant_type=client_credentials&client_assertion=" + Mint()),
      "invalid_request", "invalid_request");
}

TEST_F(TokenEndpointTest, OtherClientAssertionTypeIsInvalidClient) {
  ExpectRefused(Post("grant_type=client_credentials&client_assertion_type="
                     "urn%3Aexample%3Asaml&client_assertion=" +
                     Mint()),
                "invalid_client", "invalid_request");
}

TEST_F(TokenEndpointTest, ClientIdOtherThanSubjectIsInvalidClient) {
  ExpectRefused(Post(ClientBody(Mint()) + "&client_id=someone-else"),
                "invalid_client", "invalid_request");
  EXPECT_EQ(
      Post(ClientBody(Mint({{"jti", "2"}})) + "&client_id=workload-1").status,
      200);
}

TEST_F(TokenEndpointTest, BadSignatureIsInvalidGrant) {
  // A character well inside the signature: every bit of it is signature.
  std::string assertion = Mint();
  char& c = assertion[assertion.size() - 10];
  c = c == 'A' ? 'B' : 'A';
  ExpectRefused(Post(GrantBody(assertion)), "invalid_grant", "bad_signature");
}

TEST_F(TokenEndpointTest, ContentTypeMustBeForm) {
  ExpectRefused(endpoint_->Handle("application/json", GrantBody(Mint())),
                "invalid_request", "invalid_request");
  EXPECT_EQ(endpoint_
                ->Handle("Application/X-WWW-Form-Urlencoded; charset=UTF-8",
                         GrantBody(Mint()))
                .status,
            200);
}

TEST_F(TokenEndpointTest, ServedByReferenceServerAtItsOwnUrl) {
  VerifierOptions resource;
  resource.issuers = {kIssuer};
  resource.audience = kResourceAudience;
  const Verifier verifier(resource, *keys_, clock_);
  ReferenceServerOptions options;
  options.token_endpoint_path = "/token";
  std::string built_for;
  options.make_token_endpoint = [&](const std::string& url) {
    built_for = url;
    VerifierOptions assertions = resource;
    assertions.audience = url;
    return std::make_unique<TokenEndpoint>(assertions, *keys_, clock_);
  };
  ReferenceServer server(options, verifier);
  server.Start();
  const std::string url =
      "http://127.0.0.1:" + std::to_string(server.port()) + "/token";
  EXPECT_EQ(server.token_endpoint_url(), url);
  EXPECT_EQ(built_for, url);

  httplib::Client client("127.0.0.1", server.port());
  // Generous: scripts/valgrind.sh runs these tests under memcheck.
  client.set_connection_timeout(std::chrono::seconds(20));
  client.set_read_timeout(std::chrono::seconds(20));
  const auto granted =
      client.Post("/token", GrantBody(Mint({{"aud", url}})), kForm);
  ASSERT_TRUE(granted) << httplib::to_string(granted.error());
  EXPECT_EQ(granted->status, 200);
  EXPECT_EQ(granted->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(json::parse(granted->body)["token_type"], "Bearer");

  const auto refused = client.Post("/token", GrantBody(Mint()), kForm);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(json::parse(refused->body)["reason"], "audience_mismatch");

  const auto get = client.Get("/token");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 405);
  EXPECT_EQ(get->get_header_value("Allow"), "POST");

  // Every other path is still the protected resource.
  const auto resource_answer = client.Get("/token/x");
  ASSERT_TRUE(resource_answer);
  EXPECT_EQ(resource_answer->status, 401);
  EXPECT_EQ(resource_answer->get_header_value("WWW-Authenticate"), "Bearer");
  server.Stop();
}

TEST(TokenEndpointServerTest, PathWithoutFactoryDoesNotStart) {
  FixedClock clock{TimePoint(std::chrono::seconds(kNow))};
  StaticKeySource keys(nullptr);
  VerifierOptions resource;
  resource.issuers = {kIssuer};
  resource.audience = kResourceAudience;
  const Verifier verifier(resource, keys, clock);
  ReferenceServerOptions options;
  options.token_endpoint_path = "/token";
  ReferenceServer server(options, verifier);
  EXPECT_THROW(server.Start(), std::runtime_error);
}

}  // namespace
}  // namespace jwtconf
