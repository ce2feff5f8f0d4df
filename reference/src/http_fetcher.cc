#include "jwtconf/reference/http_fetcher.h"

#include <httplib.h>

#include <charconv>
#include <utility>

#include "jwtconf/reference/deadline.h"
#include "url.h"

namespace jwtconf {
namespace {

using SteadyClock = std::chrono::steady_clock;

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 ||
         status == 308;
}

FetchResult Failure(FetchErrorKind kind, std::string detail) {
  FetchResult result;
  result.error = kind;
  result.error_detail = std::move(detail);
  return result;
}

std::optional<std::size_t> ContentLength(const httplib::Response& response) {
  if (!response.has_header("Content-Length")) return std::nullopt;

  const std::string text = response.get_header_value("Content-Length");
  std::size_t length = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), length);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return length;
}

class HttplibFetcher final : public HttpFetcher {
 public:
  explicit HttplibFetcher(HttpFetcherOptions options)
      : options_(std::move(options)) {}

  FetchResult Get(const std::string& url_text) override {
    std::optional<Url> url = ParseUrl(url_text);
    if (!url) return Failure(FetchErrorKind::kBadUrl, "not an http(s) url");

    // ROB-2: one deadline for the whole fetch, redirects included.
    const SteadyClock::time_point deadline =
        SteadyClock::now() + options_.connect_timeout + options_.read_timeout;
    for (int redirects = 0;; ++redirects) {
      FetchResult result = GetOnce(*url, deadline);
      if (!result.ok() || !IsRedirect(result.response.status)) return result;

      const std::string& location = result.response.location;
      std::optional<Url> next = ResolveLocation(*url, location);
      if (!next) {
        return Failure(FetchErrorKind::kRedirect, "unusable redirect target");
      }

      // DISC-7: redirects to another origin are not followed.
      if (next->Origin() != url->Origin()) {
        return Failure(FetchErrorKind::kRedirect,
                       "redirect to another origin refused");
      }

      // A redirect beyond the limit is answered as it is: not a 200.
      if (redirects >= options_.max_same_origin_redirects) return result;

      url = std::move(next);
    }
  }

 private:
  std::unique_ptr<httplib::ClientImpl> MakeClient(const Url& url) const {
    if (url.scheme == "http") {
      return std::make_unique<httplib::ClientImpl>(url.host, url.port);
    }

    auto client = std::make_unique<httplib::SSLClient>(url.host, url.port);
    client->enable_server_certificate_verification(true);
    if (!options_.ca_file.empty()) client->set_ca_cert_path(options_.ca_file);
    return client;
  }

  FetchResult GetOnce(const Url& url, SteadyClock::time_point deadline) const {
    // DISC-4, DISC-6: plain http only under the explicit test option.
    if (url.scheme == "http" && !options_.allow_http) {
      return Failure(FetchErrorKind::kBadUrl, "plain http is not allowed");
    }

    std::unique_ptr<httplib::ClientImpl> client = MakeClient(url);
    client->set_connection_timeout(options_.connect_timeout);
    client->set_read_timeout(options_.read_timeout);
    client->set_write_timeout(options_.read_timeout);
    client->set_follow_location(false);
    client->set_keep_alive(false);
    client->set_tcp_nodelay(true);  // no Nagle wait on the request's writes

    bool too_large = false;
    bool out_of_time = false;
    std::string body;
    const SteadyClock::time_point started = SteadyClock::now();

    // ROB-1: refuse an announced oversized body before reading it.
    auto on_headers = [&](const httplib::Response& response) {
      const std::optional<std::size_t> length = ContentLength(response);
      too_large = length && *length > options_.max_body_bytes;
      out_of_time = SteadyClock::now() > deadline;
      return !too_large && !out_of_time;
    };

    // ROB-1, ROB-2: bounded size and a deadline a slow sender cannot stretch.
    auto on_body = [&](const char* data, std::size_t length) {
      too_large = body.size() + length > options_.max_body_bytes;
      out_of_time = SteadyClock::now() > deadline;
      if (too_large || out_of_time) return false;

      body.append(data, length);
      return true;
    };

    // ROB-2: a server dripping its status line or headers, each byte just
    // inside read_timeout, is cut off at the deadline all the same.
    httplib::Result result = [&] {
      const Deadline watchdog(deadline, [&client] { client->stop(); });
      httplib::Result got = client->Get(url.Target(), on_headers, on_body);
      out_of_time = out_of_time || watchdog.expired();
      return got;
    }();
    if (too_large) {
      return Failure(FetchErrorKind::kTooLarge, "response body too large");
    }

    if (out_of_time) {
      return Failure(FetchErrorKind::kTimeout, "response too slow");
    }

    if (!result) return TransportFailure(result.error(), started);

    FetchResult fetched;
    fetched.response.status = result->status;
    fetched.response.body = std::move(body);
    fetched.response.content_type = result->get_header_value("Content-Type");
    fetched.response.cache_control = result->get_header_value("Cache-Control");
    fetched.response.location = result->get_header_value("Location");
    return fetched;
  }

  FetchResult TransportFailure(httplib::Error error,
                               SteadyClock::time_point started) const {
    const bool waited_full_read_timeout =
        SteadyClock::now() - started >= options_.read_timeout;
    if (error == httplib::Error::ConnectionTimeout ||
        (error == httplib::Error::Read && waited_full_read_timeout)) {
      return Failure(FetchErrorKind::kTimeout, "timed out");
    }
    return Failure(FetchErrorKind::kConnect, httplib::to_string(error));
  }

  HttpFetcherOptions options_;
};

}  // namespace

std::unique_ptr<HttpFetcher> MakeHttpFetcher(HttpFetcherOptions options) {
  return std::make_unique<HttplibFetcher>(std::move(options));
}

}  // namespace jwtconf
