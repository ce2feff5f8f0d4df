// One round of discovery for an issuer: its metadata (DISC-2..8) and its
// JWK Set (JWKS-1), each with the time it may be cached (JWKS-12).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "jwtconf/reference/http_fetcher.h"
#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/reason.h"

namespace jwtconf {

struct MetadataFetch {
  Reason reason = Reason::kOk;
  std::string detail;
  std::string jwks_uri;  // when reason == kOk
  std::chrono::seconds ttl{0};
};

// DISC-2..8: the issuer's metadata, checked; the issuer must be trusted.
MetadataFetch FetchIssuerMetadata(const std::string& issuer,
                                  HttpFetcher& fetcher,
                                  const DiscoveryOptions& options);

struct JwksFetch {
  Reason reason = Reason::kOk;
  std::string detail;
  std::shared_ptr<const JwkSet> keys;  // when reason == kOk
  std::chrono::seconds ttl{0};
};

// JWKS-1: the JWK Set at `jwks_uri`, parsed.
JwksFetch FetchJwks(const std::string& jwks_uri, HttpFetcher& fetcher,
                    const DiscoveryOptions& options);

}  // namespace jwtconf
