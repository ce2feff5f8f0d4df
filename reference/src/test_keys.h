// Signing keys for the reference tests, generated once per test binary by
// the mock issuer (the minting side shares no code with the verifier).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "jwk.h"
#include "jwtconf/mock_idp/signing_key.h"
#include "jwtconf/reference/jwk_set.h"

namespace jwtconf::testing {

// The key that signs `alg` (RSA 2048 for RS*/PS*, the curve for ES*,
// Ed25519 for EdDSA); the same object for the same alg family.
const mockidp::SigningKey& KeyFor(const std::string& alg);

// KeyFor(alg).PublicJwk() with `kid` added.
nlohmann::json PublicJwkFor(const std::string& alg, const std::string& kid);

// A JWK Set holding PublicJwkFor(alg, kid) alone.
std::shared_ptr<const JwkSet> JwkSetFor(const std::string& alg,
                                        const std::string& kid);

}  // namespace jwtconf::testing
