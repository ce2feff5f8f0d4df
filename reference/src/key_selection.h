// Which keys of a JWK Set may verify a token (JWKS-2..6).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jwk.h"
#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/reason.h"

namespace jwtconf {

using KeyList = std::vector<std::shared_ptr<const ParsedJwk>>;

// JWKS-2: with a kid, the keys with exactly that kid; JWKS-3: without one,
// every key.
KeyList KeysNamedBy(const JwkSet& keys, const std::optional<std::string>& kid);

struct KeySelection {
  Reason reason = Reason::kOk;
  std::string detail;
  KeyList keys;  // the candidates that may verify, when reason == kOk
  bool ok() const { return reason == Reason::kOk; }
};

// Drops candidates that do not fit `alg`, are not for signatures, or are
// unusable. With nothing left, reports the first candidate's rejection when
// the token named a kid, else no_suitable_key.
KeySelection SelectVerificationKeys(const KeyList& candidates,
                                    const std::string& alg, bool named_by_kid);

}  // namespace jwtconf
