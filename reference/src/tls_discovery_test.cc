// Discovery and JWK Set fetches over real https on loopback, with the mock
// issuer's per-run test PKI: the fetcher must check the certificate chain
// against the configured CA and the certificate's name against the host.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "jwtconf/mock_idp/issuer_server.h"
#include "jwtconf/mock_idp/test_pki.h"
#include "jwtconf/reference/http_fetcher.h"
#include "jwtconf/reference/key_source.h"
#include "test_keys.h"

namespace jwtconf {
namespace {

namespace fs = std::filesystem;
using mockidp::IssuerServer;
using mockidp::ServerOptions;
using mockidp::TestPki;
using mockidp::TlsIdentity;
using nlohmann::json;

constexpr char kIssuerName[] = "tenant";
constexpr char kDiscoveryPath[] = "/.well-known/openid-configuration";
constexpr char kJwksPath[] = "/jwks.json";

ServerOptions TlsOptions(const TlsIdentity& identity) {
  ServerOptions options;
  options.tls = identity;
  return options;
}

mockidp::CannedResponse JsonResponse(const json& body) {
  mockidp::CannedResponse response;
  response.body = body.dump();
  return response;
}

// One route table served by four listeners: the trusted certificate, a
// self-signed one, one for another host name, and plain http.
class TlsDiscoveryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pki_ = new TestPki(TestPki::Generate());
    ca_file_ = new fs::path(
        fs::temp_directory_path() /
        ("jwtconf-reference-ca-" + std::to_string(getpid()) + ".pem"));
    std::ofstream(*ca_file_) << pki_->ca_certificate_pem();
  }
  static void TearDownTestSuite() {
    fs::remove(*ca_file_);
    delete ca_file_;
    delete pki_;
  }

  TlsDiscoveryTest()
      : trusted_(TlsOptions(pki_->loopback())),
        untrusted_(TlsOptions(pki_->untrusted()), trusted_),
        wrong_host_(TlsOptions(pki_->wrong_host()), trusted_),
        plain_(ServerOptions{}, trusted_) {}

  void SetUp() override {
    for (IssuerServer* server :
         {&trusted_, &untrusted_, &wrong_host_, &plain_}) {
      server->Start();
    }
    trusted_.SetRoute(
        kIssuerName, kJwksPath,
        JsonResponse({{"keys", {testing::PublicJwkFor("ES256", "k1")}}}));
  }

  // Publishes discovery naming `issuer_on` as the issuer and `jwks_on` as
  // the jwks_uri's listener; returns the issuer URL.
  std::string Publish(const IssuerServer& issuer_on,
                      const IssuerServer& jwks_on) {
    const std::string issuer = issuer_on.IssuerUrl(kIssuerName);
    trusted_.SetRoute(kIssuerName, kDiscoveryPath,
                      JsonResponse(mockidp::DiscoveryDocument(
                          issuer, jwks_on.IssuerUrl(kIssuerName) + kJwksPath)));
    return issuer;
  }

  KeyLookup Keys(const std::string& issuer, bool trust_test_ca = true) {
    HttpFetcherOptions fetch;
    if (trust_test_ca) fetch.ca_file = ca_file_->string();
    std::unique_ptr<HttpFetcher> fetcher = MakeHttpFetcher(fetch);
    DiscoveryKeySource source(DiscoveryOptions{}, *fetcher, clock_);
    return source.Keys(issuer, false);
  }

  int JwksFetches() const {
    int count = 0;
    for (const auto& record : trusted_.RequestsFor(kIssuerName)) {
      if (record.path == kJwksPath) ++count;
    }
    return count;
  }

  static TestPki* pki_;
  static fs::path* ca_file_;
  IssuerServer trusted_;
  IssuerServer untrusted_;
  IssuerServer wrong_host_;
  IssuerServer plain_;
  FixedClock clock_{TimePoint(std::chrono::seconds(1'700'000'000))};
};

TestPki* TlsDiscoveryTest::pki_ = nullptr;
fs::path* TlsDiscoveryTest::ca_file_ = nullptr;

TEST_F(TlsDiscoveryTest, TrustedCaAndMatchingNameGiveKeys) {
  const KeyLookup lookup = Keys(Publish(trusted_, trusted_));

  EXPECT_EQ(lookup.reason, Reason::kOk) << lookup.detail;
  ASSERT_TRUE(lookup.keys);
}

TEST_F(TlsDiscoveryTest, SystemStoreDoesNotTrustTheTestCa) {
  const KeyLookup lookup = Keys(Publish(trusted_, trusted_), false);

  EXPECT_EQ(lookup.reason, Reason::kDiscoveryFailed);
}

// DISC-5: a metadata fetch that fails TLS verification fails closed.
TEST_F(TlsDiscoveryTest, UntrustedIssuerCertificateIsDiscoveryFailed) {
  const KeyLookup lookup = Keys(Publish(untrusted_, trusted_));

  EXPECT_EQ(lookup.reason, Reason::kDiscoveryFailed);
  EXPECT_EQ(JwksFetches(), 0);
}

// DISC-5: a trusted chain for another host name is no better.
TEST_F(TlsDiscoveryTest, WrongHostIssuerCertificateIsDiscoveryFailed) {
  const KeyLookup lookup = Keys(Publish(wrong_host_, trusted_));

  EXPECT_EQ(lookup.reason, Reason::kDiscoveryFailed);
  EXPECT_EQ(JwksFetches(), 0);
}

// ROB-2: a JWK Set fetch that fails TLS verification fails closed.
TEST_F(TlsDiscoveryTest, UntrustedJwksCertificateIsJwksFetchFailed) {
  const KeyLookup lookup = Keys(Publish(trusted_, untrusted_));

  EXPECT_EQ(lookup.reason, Reason::kJwksFetchFailed);
  EXPECT_EQ(JwksFetches(), 0);
}

TEST_F(TlsDiscoveryTest, WrongHostJwksCertificateIsJwksFetchFailed) {
  const KeyLookup lookup = Keys(Publish(trusted_, wrong_host_));

  EXPECT_EQ(lookup.reason, Reason::kJwksFetchFailed);
  EXPECT_EQ(JwksFetches(), 0);
}

// DISC-4: an http jwks_uri is refused before it is fetched.
TEST_F(TlsDiscoveryTest, HttpJwksUriUnderHttpsIssuerIsDiscoveryFailed) {
  const KeyLookup lookup = Keys(Publish(trusted_, plain_));

  EXPECT_EQ(lookup.reason, Reason::kDiscoveryFailed);
  EXPECT_EQ(JwksFetches(), 0);
}

TEST_F(TlsDiscoveryTest, CertificateNameMatchesDnsLocalhost) {
  HttpFetcherOptions fetch;
  fetch.ca_file = ca_file_->string();
  std::unique_ptr<HttpFetcher> fetcher = MakeHttpFetcher(fetch);
  Publish(trusted_, trusted_);

  const FetchResult fetched =
      fetcher->Get("https://localhost:" + std::to_string(trusted_.port()) +
                   "/" + kIssuerName + kJwksPath);

  EXPECT_TRUE(fetched.ok()) << fetched.error_detail;
  EXPECT_EQ(fetched.response.status, 200);
}

TEST_F(TlsDiscoveryTest, WrongHostCertificateIsRefusedByTheFetcher) {
  HttpFetcherOptions fetch;
  fetch.ca_file = ca_file_->string();
  std::unique_ptr<HttpFetcher> fetcher = MakeHttpFetcher(fetch);

  const FetchResult fetched =
      fetcher->Get(wrong_host_.IssuerUrl(kIssuerName) + kJwksPath);

  EXPECT_EQ(fetched.error, FetchErrorKind::kConnect);
}

}  // namespace
}  // namespace jwtconf
