#include "tls_listeners.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace jwtconf::harness {
namespace {

namespace fs = std::filesystem;

class IssuerListenersTest : public ::testing::Test {
 protected:
  void SetUp() override { listeners_.Start(ca_file_.string()); }
  void TearDown() override {
    listeners_.Stop();
    fs::remove(ca_file_);
  }

  // GET `url` (scheme://host:port/path) trusting the run's CA; the status,
  // or -1 when there was no answer.
  int Get(const std::string& url) {
    httplib::Client client(url.substr(0, url.find('/', 8)));
    client.set_ca_cert_path(ca_file_.c_str());
    client.enable_server_certificate_verification(true);
    client.set_connection_timeout(std::chrono::seconds(2));
    client.set_read_timeout(std::chrono::seconds(2));
    auto response = client.Get(url.substr(url.find('/', 8)));
    return response ? response->status : -1;
  }

  fs::path ca_file_ =
      fs::temp_directory_path() /
      ("jwtconf-listeners-" + std::to_string(getpid()) + ".pem");
  IssuerListeners listeners_{mockidp::ServerOptions{}, true};
};

TEST_F(IssuerListenersTest, CanaryAnswers404AndRecordsEveryRequestLine) {
  EXPECT_TRUE(listeners_.CanaryOrigin().starts_with("https://127.0.0.1:"));
  EXPECT_TRUE(listeners_.CanaryHttpOrigin().starts_with("http://127.0.0.1:"));

  EXPECT_EQ(Get(listeners_.CanaryOrigin() + "/jku.json?x=1"), 404);
  EXPECT_EQ(Get(listeners_.CanaryHttpOrigin() + "/plain"), 404);

  const auto taken = listeners_.TakeCanaryRequests();
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(mockidp::RequestLine(taken[0]),
            "GET /jku.json?x=1 HTTP/1.1 from 127.0.0.1");
  EXPECT_EQ(taken[1].target, "/plain");
  EXPECT_TRUE(listeners_.TakeCanaryRequests().empty());
}

TEST_F(IssuerListenersTest, IssuerRequestsNeverReachTheCanary) {
  listeners_.main().SetRoute("a", "/x", mockidp::CannedResponse{});

  EXPECT_EQ(Get(listeners_.main().BaseUrl() + "/a/x"), 200);

  EXPECT_TRUE(listeners_.TakeCanaryRequests().empty());
  EXPECT_NE(listeners_.CanaryOrigin(), listeners_.main().BaseUrl());
}

TEST_F(IssuerListenersTest, ExpiredListenerServesTheSameRoutesButFailsTls) {
  listeners_.main().SetRoute("a", "/x", mockidp::CannedResponse{});
  const nlohmann::json issuer = {{"tls", {{"jwks", "expired"}}}};

  const std::string expired = listeners_.Origin(issuer, "jwks");

  EXPECT_NE(expired, listeners_.main().BaseUrl());
  EXPECT_EQ(Get(expired + "/a/x"), -1);
  EXPECT_EQ(listeners_.Origin(issuer, "issuer"), listeners_.main().BaseUrl());
}

TEST(IssuerListenersPlainTest, PlainRunHasOneHttpCanary) {
  IssuerListeners listeners(mockidp::ServerOptions{}, false);
  listeners.Start("");

  EXPECT_TRUE(listeners.CanaryOrigin().starts_with("http://127.0.0.1:"));
  EXPECT_EQ(listeners.CanaryHttpOrigin(), listeners.CanaryOrigin());
  listeners.Stop();
}

}  // namespace
}  // namespace jwtconf::harness
