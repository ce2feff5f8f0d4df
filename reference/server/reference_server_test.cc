#include "server/reference_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "jwtconf/mock_idp/signing_key.h"
#include "jwtconf/mock_idp/token_minter.h"
#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/reason.h"
#include "jwtconf/reference/verifier.h"
#include "test_keys.h"

namespace jwtconf {
namespace {

constexpr char kIssuer[] = "https://issuer.test";
constexpr char kAudience[] = "api";
constexpr char kKid[] = "k1";
constexpr long kNow = 1'700'000'000;
// Generous: scripts/valgrind.sh runs these tests under memcheck, where one
// request can take seconds.
constexpr std::chrono::seconds kClientTimeout{20};

VerifierOptions TestVerifierOptions() {
  VerifierOptions options;
  options.issuers = {kIssuer};
  options.audience = kAudience;
  return options;
}

std::string Payload(long exp) {
  return nlohmann::json{{"iss", kIssuer},
                        {"sub", "workload-1"},
                        {"aud", kAudience},
                        {"iat", kNow - 10},
                        {"exp", exp}}
      .dump();
}

class ReferenceServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = std::make_unique<StaticKeySource>(
        jwtconf::testing::JwkSetFor("RS256", kKid));
    verifier_ =
        std::make_unique<Verifier>(TestVerifierOptions(), *keys_, clock_);
    server_ =
        std::make_unique<ReferenceServer>(ReferenceServerOptions{}, *verifier_);
    server_->Start();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_connection_timeout(kClientTimeout);
    client_->set_read_timeout(kClientTimeout);
    client_->set_write_timeout(kClientTimeout);
  }

  void TearDown() override { server_->Stop(); }

  static std::string Mint(
      long exp, mockidp::SignatureMode mode = mockidp::SignatureMode::kValid) {
    mockidp::TokenSpec spec;
    spec.header_json = R"({"alg":"RS256","kid":"k1","typ":"JWT"})";
    spec.payload_json = Payload(exp);
    spec.alg = "RS256";
    spec.key = &jwtconf::testing::KeyFor("RS256");
    spec.mode = mode;
    return mockidp::MintToken(spec);
  }

  httplib::Result GetWith(httplib::Headers headers,
                          const std::string& path = "/resource") {
    return client_->Get(path.c_str(), headers);
  }

  static httplib::Headers Bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }

  // HTTP-8: nothing the server sends back quotes the token.
  static void ExpectNoEcho(const httplib::Response& response,
                           const std::string& token) {
    EXPECT_EQ(response.body.find(token), std::string::npos);
    for (const auto& [name, value] : response.headers) {
      EXPECT_EQ(value.find(token), std::string::npos) << name;
    }
  }

  FixedClock clock_{TimePoint(std::chrono::seconds(kNow))};
  std::unique_ptr<StaticKeySource> keys_;
  std::unique_ptr<Verifier> verifier_;
  std::unique_ptr<ReferenceServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ReferenceServerTest, ValidTokenIsServedWithSubjectAndIssuer) {
  const auto result = GetWith(Bearer(Mint(kNow + 600)));
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  const auto body = nlohmann::json::parse(result->body);
  EXPECT_EQ(body["sub"], "workload-1");
  EXPECT_EQ(body["iss"], kIssuer);
  EXPECT_EQ(body["aud"], kAudience);
  EXPECT_EQ(body["kid"], kKid);
  EXPECT_EQ(body["alg"], "RS256");
}

TEST_F(ReferenceServerTest, ValidTokenIsServedForEveryMethod) {
  const httplib::Headers headers = Bearer(Mint(kNow + 600));
  const httplib::Result results[] = {
      client_->Post("/a/b", headers, "", "text/plain"),
      client_->Put("/a", headers, "x", "text/plain"),
      client_->Patch("/a", headers, "x", "text/plain"),
      client_->Delete("/a", headers),
      client_->Head("/", headers),
      client_->Options("/", headers),
  };
  for (const httplib::Result& result : results) {
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
  }
}

TEST_F(ReferenceServerTest, LowercaseSchemeIsAccepted) {
  const auto result =
      GetWith({{"Authorization", "bearer " + Mint(kNow + 600)}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST_F(ReferenceServerTest, ExpiredTokenIsInvalidTokenWithReason) {
  const std::string token = Mint(kNow - 3600);
  const auto result = GetWith(Bearer(token));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(result->get_header_value("WWW-Authenticate"),
            "Bearer error=\"invalid_token\", error_description=\"" +
                std::string(ReasonMessage(Reason::kExpired)) + "\"");
  const auto body = nlohmann::json::parse(result->body);
  EXPECT_EQ(body["error"], "invalid_token");
  EXPECT_EQ(body["reason"], "expired");
  ExpectNoEcho(*result, token);
}

TEST_F(ReferenceServerTest, TamperedSignatureIsBadSignatureWithoutEcho) {
  const std::string token = Mint(kNow + 600, mockidp::SignatureMode::kTampered);
  const auto result = GetWith(Bearer(token));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(nlohmann::json::parse(result->body)["reason"], "bad_signature");
  ExpectNoEcho(*result, token);
  const std::string signature = token.substr(token.rfind('.') + 1);
  EXPECT_EQ(result->body.find(signature), std::string::npos);
}

TEST_F(ReferenceServerTest, MissingCredentialsGetBareChallenge) {
  const auto result = GetWith({});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(result->get_header_value("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(result->get_header_value_count("WWW-Authenticate"), 1u);
  const auto body = nlohmann::json::parse(result->body);
  EXPECT_EQ(body["error"], "missing_credentials");
  EXPECT_EQ(body["reason"], "missing_credentials");
}

TEST_F(ReferenceServerTest, BasicSchemeGetsBareChallenge) {
  const auto result = GetWith({{"Authorization", "Basic dXNlcjpwYXNz"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(result->get_header_value("WWW-Authenticate"), "Bearer");
}

TEST_F(ReferenceServerTest, QueryTokenAloneIsAnsweredAsMissing) {
  const std::string token = Mint(kNow + 600);
  const auto result = GetWith({}, "/resource?access_token=" + token);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(result->get_header_value("WWW-Authenticate"), "Bearer");
  ExpectNoEcho(*result, token);
}

TEST_F(ReferenceServerTest, TwoAuthorizationHeadersAreInvalidRequest) {
  const std::string token = Mint(kNow + 600);
  const auto result = GetWith({{"Authorization", "Bearer " + token},
                               {"Authorization", "Bearer " + token}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(result->get_header_value("WWW-Authenticate"),
            "Bearer error=\"invalid_request\"");
  const auto body = nlohmann::json::parse(result->body);
  EXPECT_EQ(body["error"], "invalid_request");
  EXPECT_EQ(body["reason"], "invalid_request");
  ExpectNoEcho(*result, token);
}

TEST_F(ReferenceServerTest, HeaderAndQueryTokenAreInvalidRequest) {
  const std::string token = Mint(kNow + 600);
  const auto result = GetWith(Bearer(token), "/r?access_token=" + token);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(result->get_header_value("WWW-Authenticate"),
            "Bearer error=\"invalid_request\"");
}

TEST_F(ReferenceServerTest, HeaderAndFormBodyTokenAreInvalidRequest) {
  const std::string token = Mint(kNow + 600);
  const auto result =
      client_->Post("/r", Bearer(token), "access_token=" + token,
                    "application/x-www-form-urlencoded");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
}

TEST_F(ReferenceServerTest, FormBodyTokenAloneIsAnsweredAsMissing) {
  const auto result = client_->Post("/r", "access_token=" + Mint(kNow + 600),
                                    "application/x-www-form-urlencoded");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(result->get_header_value("WWW-Authenticate"), "Bearer");
}

TEST_F(ReferenceServerTest, MalformedBearerHeaderIsInvalidRequest) {
  const auto result = GetWith({{"Authorization", "Bearer a,b"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
}

TEST_F(ReferenceServerTest, OversizedBodyIsRefused) {
  const std::string body(ReferenceServerOptions{}.max_body + 1, 'x');
  const auto result =
      client_->Post("/r", Bearer(Mint(kNow + 600)), body, "text/plain");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 413);
}

TEST_F(ReferenceServerTest, StopIsIdempotent) {
  server_->Stop();
  server_->Stop();
  EXPECT_FALSE(GetWith({}));
}

TEST(ReferenceServerStartTest, NonLoopbackHostIsRefused) {
  FixedClock clock{TimePoint(std::chrono::seconds(kNow))};
  StaticKeySource keys(nullptr);
  const Verifier verifier(TestVerifierOptions(), keys, clock);
  for (const std::string host : {"0.0.0.0", "::", "localhost", "10.0.0.1"}) {
    ReferenceServer server({.host = host}, verifier);
    EXPECT_THROW(server.Start(), std::runtime_error) << host;
  }
}

TEST(ReferenceServerStartTest, Ipv6LoopbackServes) {
  FixedClock clock{TimePoint(std::chrono::seconds(kNow))};
  StaticKeySource keys(nullptr);
  const Verifier verifier(TestVerifierOptions(), keys, clock);
  ReferenceServer server({.host = "::1"}, verifier);
  try {
    server.Start();
  } catch (const std::runtime_error& error) {
    GTEST_SKIP() << "no IPv6 loopback here: " << error.what();
  }
  httplib::Client client("::1", server.port());
  client.set_connection_timeout(kClientTimeout);
  client.set_read_timeout(kClientTimeout);
  const auto result = client.Get("/");
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 401);
  server.Stop();
}

}  // namespace
}  // namespace jwtconf
