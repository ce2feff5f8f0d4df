#include "jwtconf/mock_idp/issuer_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "canned_responses_test_util.h"
#include "loopback_host.h"
#include "raw_http_test_client.h"

namespace jwtconf::mockidp {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

using testing::Json;

class IssuerServerTest : public ::testing::Test {
 protected:
  void SetUp() override { server_.Start(); }

  httplib::Client Client(milliseconds read_timeout = milliseconds(2000)) {
    httplib::Client client("127.0.0.1", server_.port());
    client.set_connection_timeout(std::chrono::seconds(1));
    client.set_read_timeout(read_timeout);
    return client;
  }

  std::string RawGet(const std::string& target) {
    return testing::RawExchange(
        server_.port(),
        "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        milliseconds(2000));
  }

  IssuerServer server_;
};

TEST_F(IssuerServerTest, ServesConfiguredRoute) {
  server_.SetRoute("a", "/jwks.json", Json(R"({"keys":[]})"));

  auto res = Client().Get("/a/jwks.json");

  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, R"({"keys":[]})");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
}

TEST_F(IssuerServerTest, SendsExtraHeadersAndStatus) {
  CannedResponse response = Json("{}");
  response.status = 503;
  response.headers = {{"Cache-Control", "max-age=60"}};
  server_.SetRoute("a", "/jwks.json", response);

  auto res = Client().Get("/a/jwks.json");

  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "max-age=60");
}

TEST_F(IssuerServerTest, UnknownPathOrIssuerAnswers404Json) {
  server_.SetRoute("a", "/jwks.json", Json("{}"));
  httplib::Client client = Client();

  auto unknown_path = client.Get("/a/other");
  auto unknown_issuer = client.Get("/b/jwks.json");

  ASSERT_TRUE(unknown_path);
  ASSERT_TRUE(unknown_issuer);
  EXPECT_EQ(unknown_path->status, 404);
  EXPECT_EQ(unknown_issuer->status, 404);
  EXPECT_EQ(nlohmann::json::parse(unknown_path->body).at("error"), "not_found");
}

TEST_F(IssuerServerTest, ClearedIssuerAnswers404) {
  server_.SetRoute("a", "/jwks.json", Json("{}"));
  server_.ClearIssuer("a");

  auto res = Client().Get("/a/jwks.json");

  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(IssuerServerTest, RecordsRequestsWithQueryAndHeaders) {
  server_.SetRoute("a", "/jwks.json", Json("{}"));
  const auto before = std::chrono::system_clock::now();
  httplib::Client client = Client();

  client.Get("/a/jwks.json?refresh=1", {{"X-Probe", "yes"}});
  client.Get("/nobody/x");

  const std::vector<RequestRecord> records = server_.Requests();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].issuer, "a");
  EXPECT_EQ(records[0].method, "GET");
  EXPECT_EQ(records[0].path, "/jwks.json");
  EXPECT_EQ(records[0].target, "/a/jwks.json?refresh=1");
  EXPECT_GE(records[0].time, before);
  bool saw_probe = false;
  for (const auto& [name, value] : records[0].headers) {
    saw_probe = saw_probe || (name == "X-Probe" && value == "yes");
  }
  EXPECT_TRUE(saw_probe);
  EXPECT_EQ(records[1].issuer, "");
  EXPECT_EQ(records[1].path, "/nobody/x");
  EXPECT_EQ(server_.RequestsFor("a").size(), 1u);

  server_.ClearRequests();
  EXPECT_TRUE(server_.Requests().empty());
}

TEST_F(IssuerServerTest, HandlerSeesMethodQueryAndBody) {
  server_.SetHandler("a", "/echo", [](const RouteRequest& request) {
    return Json(nlohmann::json{{"method", request.method},
                               {"path", request.path},
                               {"alg", request.query.at("alg")},
                               {"body", request.body}}
                    .dump());
  });

  auto res = Client().Post("/a/echo?alg=ES256", "hello", "text/plain");

  ASSERT_TRUE(res);
  const nlohmann::json echoed = nlohmann::json::parse(res->body);
  EXPECT_EQ(echoed.at("method"), "POST");
  EXPECT_EQ(echoed.at("path"), "/echo");
  EXPECT_EQ(echoed.at("alg"), "ES256");
  EXPECT_EQ(echoed.at("body"), "hello");
}

TEST_F(IssuerServerTest, ThrowingHandlerAnswers500) {
  server_.SetHandler("a", "/boom", [](const RouteRequest&) -> CannedResponse {
    throw std::runtime_error("boom");
  });

  auto res = Client().Get("/a/boom");

  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
}

TEST_F(IssuerServerTest, OversizedRequestBodyIsRefused) {
  server_.SetRoute("a", "/mint", Json("{}"));

  auto res = Client().Post("/a/mint", std::string(128 * 1024, 'x'),
                           "application/json");

  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST_F(IssuerServerTest, DelayAnswersAfterTheDelay) {
  server_.SetRoute("a", "/slow", Json("{}", Fault::kDelay, milliseconds(300)));
  const auto start = Clock::now();

  auto res = Client().Get("/a/slow");

  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_GE(Clock::now() - start, milliseconds(300));
}

TEST_F(IssuerServerTest, HangTimesTheClientOut) {
  server_.SetRoute("a", "/hang", Json("{}", Fault::kHang, milliseconds(5000)));
  const auto start = Clock::now();

  auto res = Client(milliseconds(300)).Get("/a/hang");

  EXPECT_FALSE(res);
  EXPECT_EQ(res.error(), httplib::Error::Read);
  EXPECT_LT(Clock::now() - start, milliseconds(2000));
}

TEST_F(IssuerServerTest, StopReleasesAHungRequestPromptly) {
  server_.SetRoute("a", "/hang", Json("{}", Fault::kHang, milliseconds(30000)));
  std::thread client_thread(
      [this] { Client(milliseconds(300)).Get("/a/hang"); });
  client_thread.join();
  const auto start = Clock::now();

  server_.Stop();

  EXPECT_LT(Clock::now() - start, milliseconds(2000));
}

TEST_F(IssuerServerTest, HangEndsWithoutAnswerWhenTheDelayElapses) {
  server_.SetRoute("a", "/hang", Json("{}", Fault::kHang, milliseconds(200)));

  auto res = Client().Get("/a/hang");

  EXPECT_FALSE(res);
  EXPECT_EQ(res.error(), httplib::Error::Read);
}

TEST_F(IssuerServerTest, CloseConnectionGivesTheClientNoResponse) {
  server_.SetRoute("a", "/close", Json("{}", Fault::kCloseConnection));

  auto res = Client().Get("/a/close");

  EXPECT_FALSE(res);
  EXPECT_EQ(res.error(), httplib::Error::Read);
}

TEST_F(IssuerServerTest, CloseConnectionSendsHeadersButNoBody) {
  server_.SetRoute("a", "/close", Json("{}", Fault::kCloseConnection));

  const std::string raw = RawGet("/a/close");

  const std::size_t end = raw.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos) << raw;
  EXPECT_EQ(raw.size(), end + 4) << raw;
  EXPECT_NE(raw.find("Content-Length: 2"), std::string::npos) << raw;
}

TEST_F(IssuerServerTest, TruncateBodyMakesTheClientFailToRead) {
  server_.SetRoute("a", "/trunc",
                   Json(std::string(100, 'k'), Fault::kTruncateBody));

  auto res = Client().Get("/a/trunc");

  EXPECT_FALSE(res);
  EXPECT_EQ(res.error(), httplib::Error::Read);
}

TEST_F(IssuerServerTest, TruncateBodyAnnouncesFullLengthAndSendsHalf) {
  server_.SetRoute("a", "/trunc",
                   Json(std::string(100, 'k'), Fault::kTruncateBody));

  const std::string raw = RawGet("/a/trunc");

  const std::size_t end = raw.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos) << raw;
  EXPECT_NE(raw.find("Content-Length: 100"), std::string::npos) << raw;
  EXPECT_EQ(raw.substr(end + 4), std::string(50, 'k'));
}

TEST_F(IssuerServerTest, ResetSendsNothingAndResetsTheConnection) {
  server_.SetRoute("a", "/reset", Json("{}", Fault::kReset));

  const testing::RawAnswer answer = testing::RawExchangeWithError(
      server_.port(),
      "GET /a/reset HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      milliseconds(2000));

  EXPECT_EQ(answer.received, "");
  EXPECT_EQ(answer.error, ECONNRESET);
}

TEST_F(IssuerServerTest, ResetConnectionLeavesTheServerServing) {
  server_.SetRoute("a", "/reset", Json("{}", Fault::kReset));
  server_.SetRoute("a", "/ok", Json("{}"));

  EXPECT_FALSE(Client().Get("/a/reset"));
  auto res = Client().Get("/a/ok");

  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
}

TEST_F(IssuerServerTest, SequenceServesResponsesInTurnThenRepeatsTheLast) {
  server_.SetSequence("a", "/jwks.json",
                      {Json(R"({"keys":[]})"), Json(R"({"keys":[1]})")});
  httplib::Client client = Client();

  auto first = client.Get("/a/jwks.json");
  auto second = client.Get("/a/jwks.json");
  auto third = client.Get("/a/jwks.json");

  ASSERT_TRUE(first && second && third);
  EXPECT_EQ(first->body, R"({"keys":[]})");
  EXPECT_EQ(second->body, R"({"keys":[1]})");
  EXPECT_EQ(third->body, R"({"keys":[1]})");
}

TEST_F(IssuerServerTest, SequenceSetAgainContinuesWhereItWas) {
  server_.SetSequence("a", "/j", {Json("1"), Json("2"), Json("3")});
  httplib::Client client = Client();
  auto first = client.Get("/a/j");
  server_.SetSequence("a", "/j", {Json("1"), Json("2"), Json("3")});
  auto second = client.Get("/a/j");
  server_.SetRoute("a", "/j", Json("plain"));
  server_.SetSequence("a", "/j", {Json("1"), Json("2"), Json("3")});
  auto restarted = client.Get("/a/j");

  ASSERT_TRUE(first && second && restarted);
  EXPECT_EQ(first->body, "1");
  EXPECT_EQ(second->body, "2");
  EXPECT_EQ(restarted->body, "1");
}

TEST_F(IssuerServerTest, EmptySequenceIsRefused) {
  EXPECT_THROW(server_.SetSequence("a", "/jwks.json", {}),
               std::invalid_argument);
}

TEST_F(IssuerServerTest, TakeRequestsEmptiesTheLogAndQuotesRequestLines) {
  Client().Get("/nobody/x?y=1");

  const std::vector<RequestRecord> taken = server_.TakeRequests();

  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(RequestLine(taken[0]), "GET /nobody/x?y=1 HTTP/1.1 from 127.0.0.1");
  EXPECT_TRUE(server_.TakeRequests().empty());
}

TEST_F(IssuerServerTest, StopIsIdempotent) {
  server_.Stop();
  server_.Stop();

  EXPECT_FALSE(Client().Get("/a/x"));
}

TEST_F(IssuerServerTest, UrlsNameTheIssuerUnderTheBaseUrl) {
  EXPECT_EQ(server_.BaseUrl(),
            "http://127.0.0.1:" + std::to_string(server_.port()));
  EXPECT_EQ(server_.IssuerUrl("tenant"), server_.BaseUrl() + "/tenant");
  EXPECT_GT(server_.port(), 0);
}

TEST(IssuerServerStartTest, NonLoopbackHostsAreRefused) {
  for (const char* host : {"0.0.0.0", "192.0.2.1", "::", "example.com", ""}) {
    ServerOptions options;
    options.host = host;
    IssuerServer server(options);

    EXPECT_THROW(server.Start(), std::runtime_error) << host;
  }
}

TEST(IssuerServerStartTest, BusyPortIsRefused) {
  IssuerServer first;
  first.Start();
  ServerOptions options;
  options.port = first.port();
  IssuerServer second(options);

  EXPECT_THROW(second.Start(), std::runtime_error);
}

TEST(IssuerServerStartTest, StartingTwiceIsRefused) {
  IssuerServer server;
  server.Start();

  EXPECT_THROW(server.Start(), std::runtime_error);
}

TEST(IssuerServerStartTest, Ipv6LoopbackUsesBracketedUrl) {
  ServerOptions options;
  options.host = "::1";
  IssuerServer server(options);
  try {
    server.Start();
  } catch (const std::runtime_error& e) {
    GTEST_SKIP() << "no IPv6 loopback here: " << e.what();
  }

  EXPECT_EQ(server.BaseUrl(), "http://[::1]:" + std::to_string(server.port()));
}

TEST(IssuerServerStartTest, DestructorStopsTheServer) {
  int port = 0;
  {
    IssuerServer server;
    server.Start();
    port = server.port();
  }
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(std::chrono::seconds(1));

  EXPECT_FALSE(client.Get("/a/x"));
}

TEST(LoopbackHostTest, AcceptsOnlyLoopback) {
  EXPECT_TRUE(internal::IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(internal::IsLoopbackHost("127.45.6.7"));
  EXPECT_TRUE(internal::IsLoopbackHost("::1"));
  EXPECT_TRUE(internal::IsLoopbackHost("localhost"));
  EXPECT_FALSE(internal::IsLoopbackHost("128.0.0.1"));
  EXPECT_FALSE(internal::IsLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(internal::IsLoopbackHost("::"));
  EXPECT_FALSE(internal::IsLoopbackHost("localhost.example.com"));
  EXPECT_FALSE(internal::IsLoopbackHost("127.0.0.1.nip.io"));
}

TEST(DiscoveryDocumentTest, HasRequiredMembersUnderTheIssuer) {
  const nlohmann::json doc =
      DiscoveryDocument("http://127.0.0.1:1/a", "http://127.0.0.1:1/a/jwks");

  EXPECT_EQ(doc.at("issuer"), "http://127.0.0.1:1/a");
  EXPECT_EQ(doc.at("jwks_uri"), "http://127.0.0.1:1/a/jwks");
  EXPECT_EQ(doc.at("token_endpoint"), "http://127.0.0.1:1/a/token");
  EXPECT_EQ(doc.at("authorization_endpoint"), "http://127.0.0.1:1/a/authorize");
  EXPECT_EQ(doc.at("id_token_signing_alg_values_supported").at(0), "RS256");
  EXPECT_TRUE(doc.at("response_types_supported").is_array());
  EXPECT_EQ(doc.at("subject_types_supported").at(0), "public");
}

}  // namespace
}  // namespace jwtconf::mockidp
