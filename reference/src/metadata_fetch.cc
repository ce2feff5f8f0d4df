#include <optional>
#include <utility>

#include "cache_ttl.h"
#include "discovery_fetch.h"
#include "jwtconf/reference/strict_json.h"
#include "media_type.h"
#include "url.h"

namespace jwtconf {
namespace {

MetadataFetch Refuse(Reason reason, std::string detail) {
  return {reason, std::move(detail), {}, {}};
}

bool SchemeAllowed(const Url& url, const DiscoveryOptions& options) {
  return url.scheme == "https" || (options.allow_http && url.scheme == "http");
}

std::string WithoutTrailingSlash(const std::string& text) {
  if (!text.empty() && text.back() == '/') {
    return text.substr(0, text.size() - 1);
  }
  return text;
}

// DISC-8: RFC 8414 §3.1 puts the well-known segment between the issuer's
// authority and its path.
std::string OauthMetadataUrl(const std::string& issuer) {
  const std::size_t path = issuer.find('/', issuer.find("://") + 3);
  const std::string origin = issuer.substr(0, path);
  const std::string issuer_path =
      path == std::string::npos ? "" : issuer.substr(path);
  return origin + "/.well-known/oauth-authorization-server" +
         WithoutTrailingSlash(issuer_path);
}

}  // namespace

MetadataFetch FetchIssuerMetadata(const std::string& issuer,
                                  HttpFetcher& fetcher,
                                  const DiscoveryOptions& options) {
  // DISC-6: https issuers without query or fragment.
  const std::optional<Url> issuer_url = ParseUrl(issuer);
  if (!issuer_url || !SchemeAllowed(*issuer_url, options) ||
      issuer_url->query || issuer_url->fragment) {
    return Refuse(Reason::kDiscoveryFailed, "issuer is no https url");
  }

  // DISC-2: issuer without one trailing slash, then the well-known path.
  FetchResult fetched = fetcher.Get(WithoutTrailingSlash(issuer) +
                                    "/.well-known/openid-configuration");

  // DISC-8: RFC 8414 metadata when OpenID discovery has none.
  if (fetched.ok() && fetched.response.status == 404 &&
      options.try_oauth_metadata) {
    fetched = fetcher.Get(OauthMetadataUrl(issuer));
  }

  // ROB-1: an oversized document is refused as such.
  if (fetched.error == FetchErrorKind::kTooLarge) {
    return Refuse(Reason::kTooLarge, "metadata: " + fetched.error_detail);
  }

  // DISC-5: transport failures fail closed.
  if (!fetched.ok()) {
    return Refuse(Reason::kDiscoveryFailed,
                  "metadata: " + fetched.error_detail);
  }

  // DISC-5: only a 200 answer is used.
  const HttpResponse& response = fetched.response;
  if (response.status != 200) {
    return Refuse(Reason::kDiscoveryFailed,
                  "metadata: http status " + std::to_string(response.status));
  }

  // OIDD §4.2: the metadata is application/json.
  if (!HasMediaType(response.content_type, "application/json")) {
    return Refuse(Reason::kDiscoveryFailed,
                  "metadata: content type is no json");
  }

  // DISC-5: the body is a JSON object.
  const StrictJson document = ParseStrictJsonObject(response.body);
  if (!document.ok()) {
    return Refuse(Reason::kDiscoveryFailed, "metadata: " + document.detail);
  }

  // DISC-3: the metadata names exactly the configured issuer.
  const auto named_issuer = document.value.find("issuer");
  if (named_issuer == document.value.end() || *named_issuer != issuer) {
    return Refuse(Reason::kDiscoveryIssuerMismatch,
                  "metadata issuer differs from the configured issuer");
  }

  // DISC-4: jwks_uri is an https URL.
  const auto jwks_uri = document.value.find("jwks_uri");
  if (jwks_uri == document.value.end() || !jwks_uri->is_string()) {
    return Refuse(Reason::kDiscoveryFailed, "metadata has no jwks_uri");
  }

  const std::optional<Url> jwks_url =
      ParseUrl(jwks_uri->get_ref<const std::string&>());
  if (!jwks_url || !SchemeAllowed(*jwks_url, options)) {
    return Refuse(Reason::kDiscoveryFailed, "jwks_uri is no https url");
  }

  // JWKS-12: cached as the response allows, within bounds.
  return {Reason::kOk,
          {},
          jwks_uri->get<std::string>(),
          CacheTtl(response.cache_control, options)};
}

}  // namespace jwtconf
