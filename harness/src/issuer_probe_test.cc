#include "issuer_probe.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "jwtconf/mock_idp/issuer_server.h"
#include "jwtconf/mock_idp/signing_key.h"
#include "jwtconf/mock_idp/test_pki.h"

namespace jwtconf::harness {
namespace {

using mockidp::CannedResponse;
using mockidp::IssuerServer;
using mockidp::KeySpec;
using mockidp::KeyType;
using mockidp::SigningKey;
using nlohmann::json;

constexpr char kMetadataPath[] = "/.well-known/openid-configuration";

CannedResponse JsonResponse(const json& body, std::string cache_control) {
  CannedResponse response;
  response.body = body.dump();
  if (!cache_control.empty()) {
    response.headers = {{"Cache-Control", std::move(cache_control)}};
  }
  return response;
}

// A public JWK as a careful issuer publishes it.
json Published(const SigningKey& key, const std::string& kid,
               const std::string& alg) {
  json jwk = key.PublicJwk();
  jwk["kid"] = kid;
  jwk["use"] = "sig";
  jwk["alg"] = alg;
  return jwk;
}

// One https mock issuer per test, on loopback with the run's test PKI.
class IssuerProbeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pki_ = new mockidp::TestPki(mockidp::TestPki::Generate());
    // One file per process: ctest runs each test in its own process, in
    // parallel, and each makes its own CA.
    ca_file_ =
        (std::filesystem::temp_directory_path() /
         ("jwtconf_issuer_probe_test_ca." + std::to_string(getpid()) + ".pem"))
            .string();
    std::ofstream(ca_file_) << pki_->ca_certificate_pem();
    rsa_ = new SigningKey(SigningKey::Generate({KeyType::kRsa, 2048, ""}));
    ec_ = new SigningKey(SigningKey::Generate({KeyType::kEc, 0, "P-256"}));
  }

  static void TearDownTestSuite() {
    std::filesystem::remove(ca_file_);
    delete rsa_;
    delete ec_;
    delete pki_;
  }

  void SetUp() override {
    mockidp::ServerOptions options;
    options.tls = pki_->loopback();
    server_ = std::make_unique<IssuerServer>(options);
    server_->Start();
  }

  std::string Issuer() const { return server_->IssuerUrl("idp"); }

  json GoodKeys() const {
    return json::array(
        {Published(*rsa_, "rsa-1", "RS256"), Published(*ec_, "ec-1", "ES256")});
  }

  // Serves `keys`, with metadata changed by `edit`, both with a max-age.
  void Serve(const json& keys, const std::function<void(json&)>& edit = {},
             const std::string& cache_control = "public, max-age=300") {
    json metadata =
        mockidp::DiscoveryDocument(Issuer(), Issuer() + "/jwks.json");
    if (edit) edit(metadata);
    server_->SetRoute("idp", kMetadataPath,
                      JsonResponse(metadata, cache_control));
    server_->SetRoute("idp", "/jwks.json",
                      JsonResponse({{"keys", keys}}, cache_control));
  }

  ProbeReport Probe(const std::string& issuer) const {
    ProbeOptions options;
    options.ca_file = ca_file_;
    options.timeout = std::chrono::milliseconds(2000);
    return ProbeIssuer(issuer, options);
  }

  // The check named `name`; fails the test when there is none.
  static ProbeCheck Check(const ProbeReport& report, const std::string& name) {
    for (const ProbeCheck& check : report.checks) {
      if (check.name == name) return check;
    }
    ADD_FAILURE() << "no check '" << name << "'";
    return {};
  }

  static inline mockidp::TestPki* pki_ = nullptr;
  static inline std::string ca_file_;
  static inline SigningKey* rsa_ = nullptr;
  static inline SigningKey* ec_ = nullptr;
  std::unique_ptr<IssuerServer> server_;
};

TEST_F(IssuerProbeTest, GoodIssuerPassesEveryCheckWithTwoFetches) {
  Serve(GoodKeys());
  const ProbeReport report = Probe(Issuer());
  EXPECT_TRUE(report.reachable);
  EXPECT_GE(report.checks.size(), 15u);
  for (const ProbeCheck& check : report.checks) {
    EXPECT_EQ(check.status, CheckStatus::kPass)
        << check.requirement << " " << check.name << ": " << check.detail;
  }
  // Only the metadata and the JWK Set, once each.
  const auto requests = server_->RequestsFor("idp");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].path, kMetadataPath);
  EXPECT_EQ(requests[1].path, "/jwks.json");
}

TEST_F(IssuerProbeTest, PrivateMembersFail) {
  json keys = GoodKeys();
  json leaked = rsa_->PrivateJwk();
  leaked["kid"] = "leaked";
  leaked["use"] = "sig";
  leaked["alg"] = "RS256";
  keys.push_back(leaked);
  Serve(keys);
  const ProbeReport report = Probe(Issuer());
  const ProbeCheck check = Check(report, "no private key members");
  EXPECT_EQ(check.requirement, "JWKS-9");
  EXPECT_EQ(check.status, CheckStatus::kFail);
  EXPECT_NE(check.detail.find("kid leaked: private member 'd'"),
            std::string::npos)
      << check.detail;
  EXPECT_TRUE(report.HasFailure());
}

TEST_F(IssuerProbeTest, DuplicateKidFails) {
  Serve(json::array(
      {Published(*rsa_, "same", "RS256"), Published(*ec_, "same", "ES256")}));
  const ProbeCheck check = Check(Probe(Issuer()), "kids present and unique");
  EXPECT_EQ(check.status, CheckStatus::kFail);
  EXPECT_EQ(check.detail, "kid same used twice");
}

TEST_F(IssuerProbeTest, WeakRsaKeyFails) {
  const SigningKey weak = SigningKey::Generate({KeyType::kRsa, 1024, ""});
  Serve(json::array({Published(weak, "weak", "RS256")}));
  const ProbeReport report = Probe(Issuer());
  const ProbeCheck size = Check(report, "RSA keys at least 2048 bits");
  EXPECT_EQ(size.requirement, "JWKS-7");
  EXPECT_EQ(size.status, CheckStatus::kFail);
  EXPECT_EQ(size.detail, "kid weak: 1024 bits");
  // The reference verifier would skip it too.
  EXPECT_EQ(Check(report, "reference verifier loads the keys").status,
            CheckStatus::kWarn);
}

TEST_F(IssuerProbeTest, WrongIssuerInMetadataFails) {
  Serve(GoodKeys(), [](json& metadata) {
    metadata["issuer"] = metadata["issuer"].get<std::string>() + "/";
  });
  const ProbeReport report = Probe(Issuer());
  const ProbeCheck check = Check(report, "issuer matches exactly");
  EXPECT_EQ(check.requirement, "DISC-3");
  EXPECT_EQ(check.status, CheckStatus::kFail);
  const ProbeCheck reference =
      Check(report, "reference verifier loads the keys");
  EXPECT_EQ(reference.status, CheckStatus::kFail);
  EXPECT_EQ(reference.requirement, "DISC-3");
}

TEST_F(IssuerProbeTest, PlainHttpJwksUriFailsAndIsNotFetched) {
  Serve(GoodKeys(), [&](json& metadata) {
    metadata["jwks_uri"] =
        "http://127.0.0.1:" + std::to_string(server_->port()) +
        "/idp/jwks.json";
  });
  const ProbeReport report = Probe(Issuer());
  const ProbeCheck check = Check(report, "jwks_uri is https");
  EXPECT_EQ(check.requirement, "DISC-4");
  EXPECT_EQ(check.status, CheckStatus::kFail);
  EXPECT_EQ(server_->RequestsFor("idp").size(), 1u);
}

TEST_F(IssuerProbeTest, JwksUriOnAnotherOriginIsNamedButNotFetched) {
  // The same server under another host name is another origin.
  Serve(GoodKeys(), [&](json& metadata) {
    metadata["jwks_uri"] =
        "https://localhost:" + std::to_string(server_->port()) +
        "/idp/jwks.json";
  });
  const ProbeReport report = Probe(Issuer());
  EXPECT_EQ(Check(report, "jwks_uri on the issuer's origin").status,
            CheckStatus::kWarn);
  EXPECT_EQ(server_->RequestsFor("idp").size(), 1u);
}

TEST_F(IssuerProbeTest, OverlongUrlIsRefusedWithoutCrashing) {
  EXPECT_THROW(Probe("https://127.0.0.1:1/" + std::string(100000, 'a')),
               std::invalid_argument);
}

TEST_F(IssuerProbeTest, MissingUseAndAlgWarn) {
  json bare = rsa_->PublicJwk();
  bare["kid"] = "bare";
  Serve(json::array({bare}));
  const ProbeReport report = Probe(Issuer());
  EXPECT_EQ(Check(report, "use present and sig").status, CheckStatus::kWarn);
  EXPECT_EQ(Check(report, "alg present and fits the key").status,
            CheckStatus::kWarn);
  EXPECT_FALSE(report.HasFailure());
}

TEST_F(IssuerProbeTest, AlgThatDoesNotFitTheKeyFails) {
  Serve(json::array({Published(*ec_, "ec", "RS256")}));
  const ProbeCheck check =
      Check(Probe(Issuer()), "alg present and fits the key");
  EXPECT_EQ(check.status, CheckStatus::kFail);
  EXPECT_EQ(check.detail, "kid ec: alg RS256 needs RSA, key is EC P-256");
}

TEST_F(IssuerProbeTest, MissingCacheHeadersWarn) {
  Serve(GoodKeys(), {}, "");
  const ProbeReport report = Probe(Issuer());
  EXPECT_EQ(Check(report, "metadata cache headers").status, CheckStatus::kWarn);
  EXPECT_EQ(Check(report, "JWK Set cache headers").status, CheckStatus::kWarn);
  EXPECT_FALSE(report.HasFailure());
}

TEST_F(IssuerProbeTest, NoStoreCacheHeaderWarns) {
  Serve(GoodKeys(), {}, "no-store");
  EXPECT_EQ(Check(Probe(Issuer()), "JWK Set cache headers").status,
            CheckStatus::kWarn);
}

TEST_F(IssuerProbeTest, DuplicateMemberInMetadataFails) {
  CannedResponse duplicated;
  duplicated.body = R"({"issuer":")" + Issuer() + R"(","jwks_uri":")" +
                    Issuer() + R"(/jwks.json","issuer":"x"})";
  server_->SetRoute("idp", kMetadataPath, duplicated);
  const ProbeCheck check = Check(Probe(Issuer()), "metadata is a JSON object");
  EXPECT_EQ(check.requirement, "ROB-3");
  EXPECT_EQ(check.status, CheckStatus::kFail);
}

TEST_F(IssuerProbeTest, WrongContentTypeFails) {
  Serve(GoodKeys());
  CannedResponse text = JsonResponse({{"keys", GoodKeys()}}, "max-age=300");
  text.content_type = "text/html";
  server_->SetRoute("idp", "/jwks.json", text);
  EXPECT_EQ(Check(Probe(Issuer()), "JWK Set content type").status,
            CheckStatus::kFail);
}

TEST_F(IssuerProbeTest, MissingMetadataFailsButIsReachable) {
  const ProbeReport report = Probe(Issuer());
  EXPECT_TRUE(report.reachable);
  EXPECT_EQ(Check(report, "metadata fetched").status, CheckStatus::kFail);
}

TEST_F(IssuerProbeTest, ClosedPortIsUnreachable) {
  const std::string issuer = Issuer();
  server_->Stop();
  const ProbeReport report = Probe(issuer);
  EXPECT_FALSE(report.reachable);
  EXPECT_TRUE(report.HasFailure());
}

TEST_F(IssuerProbeTest, PlainHttpIssuerIsNotFetchedWithoutAllowHttp) {
  const ProbeReport report = Probe("http://127.0.0.1:9/idp");
  EXPECT_EQ(Check(report, "issuer is https").status, CheckStatus::kFail);
  EXPECT_EQ(report.checks.size(), 1u);
}

TEST_F(IssuerProbeTest, NotAUrlIsAnArgumentError) {
  EXPECT_THROW(Probe("ftp://example.test/"), std::invalid_argument);
}

}  // namespace
}  // namespace jwtconf::harness
