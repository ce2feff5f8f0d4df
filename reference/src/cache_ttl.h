// JWKS-12: how long a metadata or JWK Set response may be cached.
#pragma once

#include <chrono>
#include <string_view>

#include "jwtconf/reference/key_source.h"

namespace jwtconf {

// Cache-Control max-age clamped into [min_ttl, max_ttl]; no-store and
// no-cache give min_ttl; no usable directive gives default_ttl.
std::chrono::seconds CacheTtl(std::string_view cache_control,
                              const DiscoveryOptions& options);

}  // namespace jwtconf
