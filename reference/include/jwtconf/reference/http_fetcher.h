// The HTTP GET used for discovery and JWK Sets. An interface so tests and
// embedders can substitute their own transport.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace jwtconf {

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string cache_control;
  std::string location;  // of a redirect, when one was answered
};

enum class FetchErrorKind {
  kNone,
  kConnect,   // could not connect or TLS failed
  kTimeout,   // no complete answer within the timeout
  kTooLarge,  // body exceeded max_body_bytes (ROB-1)
  kBadUrl,    // not an http(s) URL this fetcher may use
  kRedirect,  // redirect to another origin (DISC-7)
};

struct FetchResult {
  FetchErrorKind error = FetchErrorKind::kNone;
  std::string error_detail;
  HttpResponse response;  // meaningful when error == kNone
  bool ok() const { return error == FetchErrorKind::kNone; }
};

class HttpFetcher {
 public:
  virtual ~HttpFetcher() = default;
  virtual FetchResult Get(const std::string& url) = 0;
};

struct HttpFetcherOptions {
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds read_timeout{3000};
  std::size_t max_body_bytes = 512 * 1024;
  std::string ca_file;      // PEM bundle to trust instead of the system store
  bool allow_http = false;  // plain http only under an explicit test option
  int max_same_origin_redirects = 3;
};

// cpp-httplib transport: no cross-origin redirects, bounded body and time.
std::unique_ptr<HttpFetcher> MakeHttpFetcher(HttpFetcherOptions options);

}  // namespace jwtconf
