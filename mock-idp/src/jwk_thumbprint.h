#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace jwtconf::mockidp::internal {

// RFC 7638 thumbprint (SHA-256, base64url) of a public JWK with only its
// required members, as PublicJwk() returns it. Used as the kid.
std::string JwkThumbprint(const nlohmann::json& public_jwk);

}  // namespace jwtconf::mockidp::internal
