// The issuer server over https with certificates of the per-run test PKI,
// and listeners that share one route table.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "canned_responses_test_util.h"
#include "jwtconf/mock_idp/issuer_server.h"
#include "jwtconf/mock_idp/test_pki.h"
#include "raw_http_test_client.h"

namespace jwtconf::mockidp {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

using testing::Json;

ServerOptions TlsOptions(const TlsIdentity& identity) {
  ServerOptions options;
  options.tls = identity;
  return options;
}

class IssuerServerTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pki_ = new TestPki(TestPki::Generate());
    ca_file_ =
        new fs::path(fs::temp_directory_path() /
                     ("jwtconf-ca-" + std::to_string(getpid()) + ".pem"));
    std::ofstream(*ca_file_) << pki_->ca_certificate_pem();
  }
  static void TearDownTestSuite() {
    fs::remove(*ca_file_);
    delete ca_file_;
    delete pki_;
  }

  // A client that verifies the chain against the test CA and the host name.
  static std::unique_ptr<httplib::SSLClient> Client(
      int port, milliseconds read_timeout = milliseconds(2000)) {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
    client->set_ca_cert_path(ca_file_->c_str());
    client->enable_server_certificate_verification(true);
    client->set_connection_timeout(std::chrono::seconds(1));
    client->set_read_timeout(read_timeout);
    return client;
  }

  static TestPki* pki_;
  static fs::path* ca_file_;
};

TestPki* IssuerServerTlsTest::pki_ = nullptr;
fs::path* IssuerServerTlsTest::ca_file_ = nullptr;

TEST_F(IssuerServerTlsTest, ServesHttpsWithTheLoopbackCertificate) {
  IssuerServer server(TlsOptions(pki_->loopback()));
  server.Start();
  server.SetRoute("a", "/jwks.json", Json(R"({"keys":[]})"));

  auto res = Client(server.port())->Get("/a/jwks.json");

  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, R"({"keys":[]})");
  EXPECT_EQ(server.BaseUrl(),
            "https://127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(server.IssuerUrl("a"), server.BaseUrl() + "/a");
}

TEST_F(IssuerServerTlsTest, ServesTheCertificateItIsGiven) {
  IssuerServer untrusted(TlsOptions(pki_->untrusted()));
  IssuerServer wrong_host(TlsOptions(pki_->wrong_host()));
  IssuerServer expired(TlsOptions(pki_->expired()));
  untrusted.Start();
  wrong_host.Start();
  expired.Start();

  auto untrusted_res = Client(untrusted.port())->Get("/a/x");
  auto wrong_host_res = Client(wrong_host.port())->Get("/a/x");
  auto expired_res = Client(expired.port())->Get("/a/x");

  EXPECT_EQ(untrusted_res.error(), httplib::Error::SSLServerVerification);
  EXPECT_EQ(wrong_host_res.error(), httplib::Error::SSLServerVerification);
  EXPECT_EQ(expired_res.error(), httplib::Error::SSLServerVerification);
}

TEST_F(IssuerServerTlsTest, PlainHttpClientGetsNoAnswer) {
  IssuerServer server(TlsOptions(pki_->loopback()));
  server.Start();
  server.SetRoute("a", "/x", Json("{}"));
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(std::chrono::seconds(2));

  auto res = client.Get("/a/x");

  EXPECT_FALSE(res && res->status == 200);
}

TEST_F(IssuerServerTlsTest, UnusableTlsIdentityIsRefused) {
  IssuerServer garbage(TlsOptions({"not a certificate", "not a key"}));
  IssuerServer mismatched(TlsOptions(
      {pki_->loopback().certificate_pem, pki_->untrusted().private_key_pem}));

  EXPECT_THROW(garbage.Start(), std::runtime_error);
  EXPECT_THROW(mismatched.Start(), std::runtime_error);
}

TEST_F(IssuerServerTlsTest, FaultsWorkOverTls) {
  IssuerServer server(TlsOptions(pki_->loopback()));
  server.Start();
  server.SetRoute("a", "/hang", Json("{}", Fault::kHang, milliseconds(5000)));
  server.SetRoute("a", "/close", Json("{}", Fault::kCloseConnection));
  server.SetRoute("a", "/trunc",
                  Json(std::string(100, 'k'), Fault::kTruncateBody));
  server.SetRoute("a", "/reset", Json("{}", Fault::kReset));
  server.SetRoute("a", "/ok", Json("{}"));
  const auto start = Clock::now();

  auto hang = Client(server.port(), milliseconds(300))->Get("/a/hang");
  const auto hang_took = Clock::now() - start;
  auto closed = Client(server.port())->Get("/a/close");
  auto truncated = Client(server.port())->Get("/a/trunc");
  auto reset = Client(server.port())->Get("/a/reset");
  auto after_reset = Client(server.port())->Get("/a/ok");

  EXPECT_FALSE(reset);
  ASSERT_TRUE(after_reset) << httplib::to_string(after_reset.error());
  EXPECT_EQ(after_reset->status, 200);
  EXPECT_EQ(hang.error(), httplib::Error::Read);
  EXPECT_LT(hang_took, milliseconds(2000));
  EXPECT_EQ(closed.error(), httplib::Error::Read);
  EXPECT_EQ(truncated.error(), httplib::Error::Read);
}

TEST_F(IssuerServerTlsTest, SilentConnectionIsDroppedWithinTheIoTimeout) {
  ServerOptions options = TlsOptions(pki_->loopback());
  options.io_timeout = std::chrono::seconds(1);
  IssuerServer server(options);
  server.Start();
  const auto start = Clock::now();

  // No ClientHello: the handshake must give up after the I/O timeout.
  const std::string received =
      testing::RawExchange(server.port(), "", milliseconds(5000));

  EXPECT_EQ(received, "");
  EXPECT_LT(Clock::now() - start, milliseconds(4000));
}

TEST_F(IssuerServerTlsTest, SharedListenersServeOneRouteTableAndOneLog) {
  IssuerServer plain;
  IssuerServer https(TlsOptions(pki_->loopback()), plain);
  plain.Start();
  https.Start();
  https.SetRoute("a", "/jwks.json", Json(R"({"keys":[]})"));

  httplib::Client plain_client("127.0.0.1", plain.port());
  auto over_http = plain_client.Get("/a/jwks.json");
  auto over_https = Client(https.port())->Get("/a/jwks.json");

  ASSERT_TRUE(over_http);
  ASSERT_TRUE(over_https) << httplib::to_string(over_https.error());
  EXPECT_EQ(over_http->body, R"({"keys":[]})");
  EXPECT_EQ(over_https->body, R"({"keys":[]})");
  const std::vector<RequestRecord> records = plain.RequestsFor("a");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].listener, plain.BaseUrl());
  EXPECT_EQ(records[1].listener, https.BaseUrl());
  EXPECT_EQ(https.Requests().size(), 2u);

  plain.ClearIssuer("a");
  auto cleared = Client(https.port())->Get("/a/jwks.json");
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->status, 404);
}

TEST_F(IssuerServerTlsTest, SharedListenerStopsOnItsOwn) {
  IssuerServer plain;
  plain.Start();
  plain.SetRoute("a", "/x", Json("{}"));
  {
    IssuerServer https(TlsOptions(pki_->loopback()), plain);
    https.Start();
  }

  httplib::Client client("127.0.0.1", plain.port());
  auto res = client.Get("/a/x");

  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

}  // namespace
}  // namespace jwtconf::mockidp
