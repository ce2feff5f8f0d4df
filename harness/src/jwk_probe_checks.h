// The catalogue's rules for the keys an issuer publishes, checked on the
// JWK Set's JSON as `jwtconf probe-issuer` reports them: one check per rule,
// naming every key that breaks it.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "probe_check.h"

namespace jwtconf::harness {

// `keys` is the JWK Set's `keys` array.
std::vector<ProbeCheck> CheckPublishedKeys(const nlohmann::json& keys);

// Bits of an RSA modulus given as base64url (leading zero bits not
// counted); 0 when the text is not base64url.
int RsaModulusBits(std::string_view n_base64url);

}  // namespace jwtconf::harness
