#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "jwtconf/reference/key_source.h"
#include "test_keys.h"

namespace jwtconf {
namespace {

using nlohmann::json;
using std::chrono::seconds;
using testing::PublicJwkFor;

constexpr const char* kIssuer = "https://issuer.example/tenant";
constexpr const char* kMetadataUrl =
    "https://issuer.example/tenant/.well-known/openid-configuration";
constexpr const char* kOauthUrl =
    "https://issuer.example/.well-known/oauth-authorization-server/tenant";
constexpr const char* kJwksUrl = "https://keys.example/jwks.json";

// Answers from a URL → response map and counts the requests per URL.
class FakeFetcher final : public HttpFetcher {
 public:
  FetchResult Get(const std::string& url) override {
    ++requests[url];
    const auto it = answers.find(url);
    if (it != answers.end()) return it->second;

    FetchResult not_found;
    not_found.response.status = 404;
    not_found.response.content_type = "text/plain";
    return not_found;
  }

  void Serve(const std::string& url, std::string body,
             std::string content_type = "application/json",
             std::string cache_control = "", int status = 200) {
    FetchResult result;
    result.response = {status, std::move(body), std::move(content_type),
                       std::move(cache_control), ""};
    answers[url] = result;
  }

  void Fail(const std::string& url, FetchErrorKind kind) {
    FetchResult result;
    result.error = kind;
    result.error_detail = "fake transport failure";
    answers[url] = result;
  }

  std::map<std::string, FetchResult> answers;
  std::map<std::string, int> requests;
};

json Metadata(const std::string& issuer = kIssuer,
              const json& jwks_uri = kJwksUrl) {
  return {{"issuer", issuer}, {"jwks_uri", jwks_uri}};
}

std::string Jwks(const std::string& kid = "k1") {
  return json{{"keys", {PublicJwkFor("ES256", kid)}}}.dump();
}

class DiscoveryKeySourceTest : public ::testing::Test {
 protected:
  DiscoveryKeySourceTest() {
    options_.default_ttl = seconds(300);
    options_.min_ttl = seconds(30);
    options_.max_ttl = seconds(3600);
    options_.unknown_kid_refetch_interval = seconds(30);
    options_.failure_backoff = seconds(5);
    fetcher_.Serve(kMetadataUrl, Metadata().dump());
    fetcher_.Serve(kJwksUrl, Jwks());
  }

  KeyLookup Keys(bool unknown_kid = false) {
    return source().Keys(kIssuer, unknown_kid);
  }

  DiscoveryKeySource& source() {
    if (!source_) source_.emplace(options_, fetcher_, clock_);
    return *source_;
  }

  int Requests(const std::string& url) { return fetcher_.requests[url]; }

  // JWKS-12: the first lookup fetches the JWK Set, which then serves from
  // cache until `ttl` has passed and is fetched again exactly then.
  void ExpectJwksLifetime(seconds ttl) {
    ASSERT_EQ(Keys().reason, Reason::kOk);
    clock_.Advance(ttl - seconds(1));
    ASSERT_EQ(Keys().reason, Reason::kOk);
    EXPECT_EQ(Requests(kJwksUrl), 1);
    clock_.Advance(seconds(1));
    ASSERT_EQ(Keys().reason, Reason::kOk);
    EXPECT_EQ(Requests(kJwksUrl), 2);
  }

  DiscoveryOptions options_;
  FakeFetcher fetcher_;
  FixedClock clock_{TimePoint(seconds(1'700'000'000))};
  std::optional<DiscoveryKeySource> source_;
};

TEST_F(DiscoveryKeySourceTest, DiscoversAndParsesKeys) {
  const KeyLookup lookup = Keys();
  ASSERT_EQ(lookup.reason, Reason::kOk) << lookup.detail;
  EXPECT_EQ(lookup.keys->UsableKids(), std::vector<std::string>{"k1"});
  EXPECT_EQ(Requests(kMetadataUrl), 1);
  EXPECT_EQ(Requests(kJwksUrl), 1);
}

TEST_F(DiscoveryKeySourceTest, TrailingSlashIsRemovedOnceForMetadataUrl) {
  const std::string issuer = std::string(kIssuer) + "/";
  fetcher_.Serve(kMetadataUrl, Metadata(issuer).dump());
  EXPECT_EQ(source().Keys(issuer, false).reason, Reason::kOk);
  EXPECT_EQ(Requests(kMetadataUrl), 1);
}

TEST_F(DiscoveryKeySourceTest,
       MetadataIssuerMismatchIsDiscoveryIssuerMismatch) {
  for (const json& other : {json(std::string(kIssuer) + "/"),
                            json("https://evil.example"), json(nullptr)}) {
    fetcher_.Serve(kMetadataUrl,
                   json{{"issuer", other}, {"jwks_uri", kJwksUrl}}.dump());
    source_.reset();
    EXPECT_EQ(Keys().reason, Reason::kDiscoveryIssuerMismatch) << other;
  }
  fetcher_.Serve(kMetadataUrl, json{{"jwks_uri", kJwksUrl}}.dump());
  source_.reset();
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryIssuerMismatch);
}

TEST_F(DiscoveryKeySourceTest, MissingJwksUriIsDiscoveryFailed) {
  fetcher_.Serve(kMetadataUrl, json{{"issuer", kIssuer}}.dump());
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);
  EXPECT_EQ(Requests(kJwksUrl), 0);
}

TEST_F(DiscoveryKeySourceTest, NonStringJwksUriIsDiscoveryFailed) {
  fetcher_.Serve(kMetadataUrl, Metadata(kIssuer, json::array()).dump());
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);
}

TEST_F(DiscoveryKeySourceTest, HttpJwksUriWithoutAllowHttpIsDiscoveryFailed) {
  fetcher_.Serve(kMetadataUrl,
                 Metadata(kIssuer, "http://keys.example/jwks.json").dump());
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);
}

TEST_F(DiscoveryKeySourceTest, HttpIssuerWorksOnlyWithAllowHttp) {
  const std::string issuer = "http://127.0.0.1:9/i";
  const std::string jwks = "http://127.0.0.1:9/i/jwks";
  fetcher_.Serve(issuer + "/.well-known/openid-configuration",
                 Metadata(issuer, jwks).dump());
  fetcher_.Serve(jwks, Jwks());
  EXPECT_EQ(source().Keys(issuer, false).reason, Reason::kDiscoveryFailed);

  options_.allow_http = true;
  source_.reset();
  EXPECT_EQ(source().Keys(issuer, false).reason, Reason::kOk);
}

TEST_F(DiscoveryKeySourceTest, IssuerWithQueryOrFragmentIsDiscoveryFailed) {
  EXPECT_EQ(source().Keys("https://issuer.example/?a=b", false).reason,
            Reason::kDiscoveryFailed);
  EXPECT_EQ(source().Keys("https://issuer.example/#f", false).reason,
            Reason::kDiscoveryFailed);
  EXPECT_EQ(source().Keys("issuer.example", false).reason,
            Reason::kDiscoveryFailed);
  EXPECT_TRUE(fetcher_.requests.empty());
}

TEST_F(DiscoveryKeySourceTest, NonOkMetadataIsDiscoveryFailed) {
  fetcher_.Serve(kMetadataUrl, Metadata().dump(), "application/json", "", 500);
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);
}

TEST_F(DiscoveryKeySourceTest, RedirectAnswerIsDiscoveryFailed) {
  fetcher_.Serve(kMetadataUrl, "", "text/html", "", 302);
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);
}

TEST_F(DiscoveryKeySourceTest, NonJsonMetadataIsDiscoveryFailed) {
  for (const char* body : {"<html>", "[]", "{\"issuer\":1,\"issuer\":2}"}) {
    fetcher_.Serve(kMetadataUrl, body);
    source_.reset();
    EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed) << body;
  }
}

TEST_F(DiscoveryKeySourceTest, WrongMetadataContentTypeIsDiscoveryFailed) {
  fetcher_.Serve(kMetadataUrl, Metadata().dump(), "text/html");
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);
  fetcher_.Serve(kMetadataUrl, Metadata().dump(),
                 "application/json; charset=utf-8");
  source_.reset();
  EXPECT_EQ(Keys().reason, Reason::kOk);
}

TEST_F(DiscoveryKeySourceTest, MetadataTransportErrorIsDiscoveryFailed) {
  fetcher_.Fail(kMetadataUrl, FetchErrorKind::kTimeout);
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);
}

TEST_F(DiscoveryKeySourceTest, OversizedMetadataIsTooLarge) {
  fetcher_.Fail(kMetadataUrl, FetchErrorKind::kTooLarge);
  EXPECT_EQ(Keys().reason, Reason::kTooLarge);
}

TEST_F(DiscoveryKeySourceTest, Rfc8414MetadataIsTriedOn404) {
  fetcher_.answers.erase(kMetadataUrl);
  fetcher_.Serve(kOauthUrl, Metadata().dump());
  EXPECT_EQ(Keys().reason, Reason::kOk);
  EXPECT_EQ(Requests(kMetadataUrl), 1);
  EXPECT_EQ(Requests(kOauthUrl), 1);
}

TEST_F(DiscoveryKeySourceTest, Rfc8414IsNotTriedWhenDisabledOrOnOtherErrors) {
  fetcher_.answers.erase(kMetadataUrl);
  fetcher_.Serve(kOauthUrl, Metadata().dump());
  options_.try_oauth_metadata = false;
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);

  options_.try_oauth_metadata = true;
  source_.reset();
  fetcher_.Serve(kMetadataUrl, "", "text/plain", "", 500);
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);
  EXPECT_EQ(Requests(kOauthUrl), 0);
}

TEST_F(DiscoveryKeySourceTest, JwksTransportErrorIsJwksFetchFailed) {
  fetcher_.Fail(kJwksUrl, FetchErrorKind::kConnect);
  EXPECT_EQ(Keys().reason, Reason::kJwksFetchFailed);
}

TEST_F(DiscoveryKeySourceTest, OversizedJwksIsTooLarge) {
  fetcher_.Fail(kJwksUrl, FetchErrorKind::kTooLarge);
  EXPECT_EQ(Keys().reason, Reason::kTooLarge);
}

TEST_F(DiscoveryKeySourceTest, NonOkJwksIsJwksFetchFailed) {
  fetcher_.Serve(kJwksUrl, Jwks(), "application/json", "", 503);
  EXPECT_EQ(Keys().reason, Reason::kJwksFetchFailed);
}

TEST_F(DiscoveryKeySourceTest, JwksContentTypes) {
  fetcher_.Serve(kJwksUrl, Jwks(), "text/plain");
  EXPECT_EQ(Keys().reason, Reason::kJwksMalformed);
  fetcher_.Serve(kJwksUrl, Jwks(), "application/jwk-set+json");
  source_.reset();
  EXPECT_EQ(Keys().reason, Reason::kOk);
}

TEST_F(DiscoveryKeySourceTest, MalformedJwksIsJwksMalformed) {
  for (const char* body : {"{}", "[]", "x", R"({"keys":[],"keys":[]})"}) {
    fetcher_.Serve(kJwksUrl, body);
    source_.reset();
    EXPECT_EQ(Keys().reason, Reason::kJwksMalformed) << body;
  }
}

TEST_F(DiscoveryKeySourceTest, CachedKeysAreServedUntilDefaultTtl) {
  ExpectJwksLifetime(seconds(300));
  EXPECT_EQ(Requests(kMetadataUrl), 2);
}

TEST_F(DiscoveryKeySourceTest, MaxAgeIsHonouredWithinBounds) {
  fetcher_.Serve(kJwksUrl, Jwks(), "application/json", "max-age=100");
  ExpectJwksLifetime(seconds(100));
  EXPECT_EQ(Requests(kMetadataUrl), 1);  // metadata still fresh (300 s)
}

TEST_F(DiscoveryKeySourceTest, SmallMaxAgeIsRaisedToMinTtl) {
  fetcher_.Serve(kJwksUrl, Jwks(), "application/json", "max-age=1");
  ExpectJwksLifetime(seconds(30));
}

TEST_F(DiscoveryKeySourceTest, LargeMaxAgeIsCappedAtMaxTtl) {
  fetcher_.Serve(kMetadataUrl, Metadata().dump(), "application/json",
                 "max-age=999999");
  fetcher_.Serve(kJwksUrl, Jwks(), "application/json", "max-age=999999");
  ExpectJwksLifetime(seconds(3600));
  EXPECT_EQ(Requests(kMetadataUrl), 2);
}

TEST_F(DiscoveryKeySourceTest, NoStoreGivesMinTtl) {
  fetcher_.Serve(kJwksUrl, Jwks(), "application/json", "no-store");
  ASSERT_EQ(Keys().reason, Reason::kOk);
  clock_.Advance(seconds(30));
  ASSERT_EQ(Keys().reason, Reason::kOk);
  EXPECT_EQ(Requests(kJwksUrl), 2);
}

TEST_F(DiscoveryKeySourceTest, FailedRefreshAfterExpiryFailsClosed) {
  ASSERT_EQ(Keys().reason, Reason::kOk);
  fetcher_.Fail(kJwksUrl, FetchErrorKind::kConnect);
  clock_.Advance(seconds(300));
  EXPECT_EQ(Keys().reason, Reason::kJwksFetchFailed);
}

TEST_F(DiscoveryKeySourceTest, RemovedKeyIsGoneAfterRefresh) {
  ASSERT_EQ(Keys().keys->UsableKids(), std::vector<std::string>{"k1"});
  fetcher_.Serve(kJwksUrl, Jwks("k2"));
  clock_.Advance(seconds(300));
  EXPECT_EQ(Keys().keys->UsableKids(), std::vector<std::string>{"k2"});
}

TEST_F(DiscoveryKeySourceTest, UnknownKidRefetchesOnceThenIsRateLimited) {
  ASSERT_EQ(Keys().reason, Reason::kOk);
  fetcher_.Serve(kJwksUrl, Jwks("k2"));

  // The first unknown-kid refetch is allowed right after the initial fetch.
  EXPECT_EQ(Keys(true).keys->UsableKids(), std::vector<std::string>{"k2"});
  EXPECT_EQ(Requests(kJwksUrl), 2);

  for (int i = 0; i < 100; ++i) {
    clock_.Advance(seconds(0));
    ASSERT_EQ(Keys(true).reason, Reason::kOk);
  }
  clock_.Advance(seconds(29));
  ASSERT_EQ(Keys(true).reason, Reason::kOk);
  EXPECT_EQ(Requests(kJwksUrl), 2);

  clock_.Advance(seconds(1));
  ASSERT_EQ(Keys(true).reason, Reason::kOk);
  EXPECT_EQ(Requests(kJwksUrl), 3);
  EXPECT_EQ(Requests(kMetadataUrl), 1);
}

TEST_F(DiscoveryKeySourceTest, FailureIsRememberedDuringBackoff) {
  fetcher_.Fail(kJwksUrl, FetchErrorKind::kConnect);
  EXPECT_EQ(Keys().reason, Reason::kJwksFetchFailed);
  fetcher_.Serve(kJwksUrl, Jwks());

  clock_.Advance(seconds(4));
  EXPECT_EQ(Keys().reason, Reason::kJwksFetchFailed);
  EXPECT_EQ(Requests(kJwksUrl), 1);

  clock_.Advance(seconds(1));
  EXPECT_EQ(Keys().reason, Reason::kOk);
  EXPECT_EQ(Requests(kJwksUrl), 2);
}

TEST_F(DiscoveryKeySourceTest, MetadataFailureIsRememberedDuringBackoff) {
  fetcher_.Serve(kMetadataUrl, "oops", "text/plain", "", 500);
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);
  EXPECT_EQ(Keys().reason, Reason::kDiscoveryFailed);
  EXPECT_EQ(Requests(kMetadataUrl), 1);
}

TEST_F(DiscoveryKeySourceTest, IssuersAreCachedSeparately) {
  const std::string other = "https://other.example";
  fetcher_.Serve(other + "/.well-known/openid-configuration",
                 Metadata(other, "https://other.example/jwks").dump());
  fetcher_.Serve("https://other.example/jwks", Jwks("o1"));
  EXPECT_EQ(Keys().keys->UsableKids(), std::vector<std::string>{"k1"});
  EXPECT_EQ(source().Keys(other, false).keys->UsableKids(),
            std::vector<std::string>{"o1"});
  EXPECT_EQ(Keys().keys->UsableKids(), std::vector<std::string>{"k1"});
  EXPECT_EQ(Requests(kJwksUrl), 1);
}

TEST_F(DiscoveryKeySourceTest, ConcurrentLookupsFetchOnce) {
  DiscoveryKeySource& keys = source();
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (keys.Keys(kIssuer, false).reason != Reason::kOk) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Requests(kMetadataUrl), 1);
  EXPECT_EQ(Requests(kJwksUrl), 1);
}

}  // namespace
}  // namespace jwtconf
