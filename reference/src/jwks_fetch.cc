#include <utility>

#include "cache_ttl.h"
#include "discovery_fetch.h"
#include "media_type.h"

namespace jwtconf {
namespace {

JwksFetch Refuse(Reason reason, std::string detail) {
  return {reason, std::move(detail), nullptr, {}};
}

}  // namespace

JwksFetch FetchJwks(const std::string& jwks_uri, HttpFetcher& fetcher,
                    const DiscoveryOptions& options) {
  const FetchResult fetched = fetcher.Get(jwks_uri);

  // ROB-1: an oversized key set is refused as such.
  if (fetched.error == FetchErrorKind::kTooLarge) {
    return Refuse(Reason::kTooLarge, "jwks: " + fetched.error_detail);
  }

  // ROB-2: transport failures fail closed.
  if (!fetched.ok()) {
    return Refuse(Reason::kJwksFetchFailed, "jwks: " + fetched.error_detail);
  }

  const HttpResponse& response = fetched.response;
  if (response.status != 200) {
    return Refuse(Reason::kJwksFetchFailed,
                  "jwks: http status " + std::to_string(response.status));
  }

  // RFC 7517 §8.5.1: a JWK Set is application/jwk-set+json or plain json.
  if (!HasMediaType(response.content_type, "application/json") &&
      !HasMediaType(response.content_type, "application/jwk-set+json")) {
    return Refuse(Reason::kJwksMalformed, "jwks: content type is no json");
  }

  // JWKS-1: a JSON object with a keys array.
  JwkSet::ParseResult parsed = JwkSet::Parse(response.body);
  if (parsed.reason != Reason::kOk) {
    // ROB-1: a set with too many keys stays too_large; the rest is malformed.
    const Reason reason = parsed.reason == Reason::kTooLarge
                              ? Reason::kTooLarge
                              : Reason::kJwksMalformed;
    return Refuse(reason, "jwks: " + parsed.detail);
  }

  // JWKS-12: cached as the response allows, within bounds.
  return {Reason::kOk,
          {},
          std::move(parsed.set),
          CacheTtl(response.cache_control, options)};
}

}  // namespace jwtconf
