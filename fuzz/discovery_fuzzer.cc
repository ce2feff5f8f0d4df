// Fuzzes the handling of an issuer's metadata response (DISC-2..8, JWKS-12)
// and, with the same response, of a JWK Set response (JWKS-1): media type,
// strict JSON, issuer and jwks_uri checks, URL parsing and the Cache-Control
// TTL. Input, split at the first two newlines:
//   Content-Type line, Cache-Control line, body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "discovery_fetch.h"
#include "jwtconf/reference/http_fetcher.h"
#include "jwtconf/reference/key_source.h"
#include "url.h"

namespace {

constexpr std::string_view kIssuer = "https://issuer.jwtconf.test/suite";

// Answers every request with the fuzzed response; nothing leaves the process.
class CannedFetcher final : public jwtconf::HttpFetcher {
 public:
  explicit CannedFetcher(jwtconf::HttpResponse response)
      : response_(std::move(response)) {}
  jwtconf::FetchResult Get(const std::string&) override {
    return {jwtconf::FetchErrorKind::kNone, {}, response_};
  }

 private:
  jwtconf::HttpResponse response_;
};

// The next line of `text`, consumed; the rest when there is no newline.
std::string TakeLine(std::string_view& text) {
  const std::size_t end = text.find('\n');
  const std::string line(text.substr(0, end));
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  jwtconf::HttpResponse response;
  response.status = 200;
  response.content_type = TakeLine(input);
  response.cache_control = TakeLine(input);
  response.body = std::string(input);

  const jwtconf::DiscoveryOptions options;
  CannedFetcher fetcher(response);
  jwtconf::FetchJwks(std::string(kIssuer) + "/jwks", fetcher, options);

  const jwtconf::MetadataFetch metadata =
      jwtconf::FetchIssuerMetadata(std::string(kIssuer), fetcher, options);
  if (metadata.reason != jwtconf::Reason::kOk) return 0;

  // DISC-4, JWKS-12: what was accepted is an https URL, cached within bounds.
  const auto jwks_url = jwtconf::ParseUrl(metadata.jwks_uri);
  if (!jwks_url || jwks_url->scheme != "https") std::abort();
  if (metadata.ttl < options.min_ttl || metadata.ttl > options.max_ttl) {
    std::abort();
  }
  return 0;
}
