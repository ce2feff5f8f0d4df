#include "jwtconf/reference/http_fetcher.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

namespace jwtconf {
namespace {

using std::chrono::milliseconds;

// A loopback server on an OS-chosen port, stopped with the fixture.
class HttpFetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Get("/ok", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "max-age=60");
      res.set_content(R"({"a":1})", "application/json");
    });
    server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(2048, 'x'), "application/json");
    });
    server_.Get(
        "/big-chunked", [](const httplib::Request&, httplib::Response& res) {
          res.set_chunked_content_provider(
              "application/json", [](std::size_t, httplib::DataSink& sink) {
                const std::string chunk(512, 'x');
                for (int i = 0; i < 8; ++i) {
                  if (!sink.write(chunk.data(), chunk.size())) {
                    return false;
                  }
                }
                sink.done();
                return true;
              });
        });
    server_.Get("/same", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/ok");
    });
    server_.Get("/relative",
                [](const httplib::Request&, httplib::Response& res) {
                  res.set_redirect("ok", 307);
                });
    server_.Get("/loop", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/loop");
    });
    server_.Get("/cross", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("http://127.0.0.2:1/ok");
    });
    server_.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(milliseconds(600));
      res.set_content("{}", "application/json");
    });
    server_.Get("/drip", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider(
          "application/json", [](std::size_t, httplib::DataSink& sink) {
            for (int i = 0; i < 40; ++i) {
              if (!sink.write(" ", 1)) return false;
              std::this_thread::sleep_for(milliseconds(25));
            }
            sink.done();
            return true;
          });
    });

    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the accept loop runs would be lost.
    while (!server_.is_running()) std::this_thread::sleep_for(milliseconds(1));
  }

  void TearDown() override {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  static HttpFetcherOptions Options() {
    HttpFetcherOptions options;
    options.allow_http = true;
    options.connect_timeout = milliseconds(100);
    options.read_timeout = milliseconds(200);
    options.max_body_bytes = 1024;
    return options;
  }

  FetchResult Get(const std::string& path,
                  HttpFetcherOptions options = Options()) {
    return MakeHttpFetcher(options)->Get(Url(path));
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(HttpFetcherTest, FetchesBodyAndHeaders) {
  const FetchResult result = Get("/ok");
  ASSERT_TRUE(result.ok()) << result.error_detail;
  EXPECT_EQ(result.response.status, 200);
  EXPECT_EQ(result.response.body, R"({"a":1})");
  EXPECT_EQ(result.response.content_type, "application/json");
  EXPECT_EQ(result.response.cache_control, "max-age=60");
}

TEST_F(HttpFetcherTest, NotFoundIsAnAnswerNotAnError) {
  const FetchResult result = Get("/missing");
  ASSERT_TRUE(result.ok()) << result.error_detail;
  EXPECT_EQ(result.response.status, 404);
}

TEST_F(HttpFetcherTest, OversizedBodyIsTooLarge) {
  EXPECT_EQ(Get("/big").error, FetchErrorKind::kTooLarge);
}

TEST_F(HttpFetcherTest, OversizedChunkedBodyIsTooLarge) {
  EXPECT_EQ(Get("/big-chunked").error, FetchErrorKind::kTooLarge);
}

TEST_F(HttpFetcherTest, SameOriginRedirectIsFollowed) {
  for (const char* path : {"/same", "/relative"}) {
    const FetchResult result = Get(path);
    ASSERT_TRUE(result.ok()) << result.error_detail;
    EXPECT_EQ(result.response.status, 200) << path;
    EXPECT_EQ(result.response.body, R"({"a":1})");
  }
}

TEST_F(HttpFetcherTest, RedirectBeyondLimitIsReturnedAsIs) {
  const FetchResult result = Get("/loop");
  ASSERT_TRUE(result.ok()) << result.error_detail;
  EXPECT_EQ(result.response.status, 302);
  EXPECT_EQ(result.response.location, "/loop");
}

TEST_F(HttpFetcherTest, CrossOriginRedirectIsRefused) {
  EXPECT_EQ(Get("/cross").error, FetchErrorKind::kRedirect);
}

TEST_F(HttpFetcherTest, SlowAnswerIsTimeout) {
  EXPECT_EQ(Get("/slow").error, FetchErrorKind::kTimeout);
}

TEST_F(HttpFetcherTest, DrippingBodyHitsTheOverallDeadline) {
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(Get("/drip").error, FetchErrorKind::kTimeout);
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(800));
}

TEST_F(HttpFetcherTest, PlainHttpNeedsAllowHttp) {
  HttpFetcherOptions options = Options();
  options.allow_http = false;
  EXPECT_EQ(Get("/ok", options).error, FetchErrorKind::kBadUrl);
}

TEST_F(HttpFetcherTest, UnusableUrlIsBadUrl) {
  auto fetcher = MakeHttpFetcher(Options());
  EXPECT_EQ(fetcher->Get("ftp://127.0.0.1/x").error, FetchErrorKind::kBadUrl);
  EXPECT_EQ(fetcher->Get("not a url").error, FetchErrorKind::kBadUrl);
}

TEST_F(HttpFetcherTest, ClosedPortIsConnectError) {
  httplib::Server closed;
  const int port = closed.bind_to_any_port("127.0.0.1");
  closed.stop();
  auto fetcher = MakeHttpFetcher(Options());
  const FetchResult result =
      fetcher->Get("http://127.0.0.1:" + std::to_string(port) + "/");
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error, FetchErrorKind::kNone);
}

}  // namespace
}  // namespace jwtconf
