#include "jwtconf/reference/http_fetcher.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
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

// A server that answers its status line and then one header byte every
// 50 ms: each read is well inside read_timeout, the whole never ends.
class DrippingHeaderServer {
 public:
  DrippingHeaderServer() {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    listen(listener_, 1);
    thread_ = std::thread([this] {
      const int connection = accept(listener_, nullptr, nullptr);
      const std::string status = "HTTP/1.1 200 OK\r\nX-Drip: ";
      send(connection, status.data(), status.size(), MSG_NOSIGNAL);
      for (int i = 0; i < 60 && !stop_; ++i) {
        if (send(connection, "a", 1, MSG_NOSIGNAL) != 1) break;
        std::this_thread::sleep_for(milliseconds(50));
      }
      close(connection);
    });
  }
  ~DrippingHeaderServer() {
    stop_ = true;
    shutdown(listener_, SHUT_RDWR);
    thread_.join();
    close(listener_);
  }
  int port() const { return port_; }

 private:
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST_F(HttpFetcherTest, DrippingHeadersHitTheOverallDeadline) {
  DrippingHeaderServer dripping;
  const auto started = std::chrono::steady_clock::now();
  const FetchResult result = MakeHttpFetcher(Options())->Get(
      "http://127.0.0.1:" + std::to_string(dripping.port()) + "/");
  EXPECT_EQ(result.error, FetchErrorKind::kTimeout);
  // The deadline is 300 ms; the server would drip for 3 s.
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(2000));
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
