// JWS signature verification for the profile's algorithms (JWS-7, JWS-8,
// JWS-11) and the key-type fit of an algorithm (JWKS-6).
#pragma once

#include <string_view>

#include "jwk.h"

namespace jwtconf {

// JWKS-6: RSA for RS*/PS*, EC of the matching curve for ES*, OKP Ed25519 or
// Ed448 for EdDSA. False for algorithms outside the profile.
bool KeyFitsAlgorithm(const ParsedJwk& key, std::string_view alg);

// True when `signature` is a valid `alg` signature by `key` over
// `signing_input`. False for any malformed signature or unusable key.
bool VerifySignature(const ParsedJwk& key, std::string_view alg,
                     std::string_view signing_input,
                     std::string_view signature);

}  // namespace jwtconf
