// A parsed JWK Set. Keys are parsed once into OpenSSL keys when the set is
// built; unusable keys are kept with the reason they cannot be used, so key
// selection can report it (JWKS-1: they are skipped, not fatal).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jwtconf/reference/reason.h"

namespace jwtconf {

struct ParsedJwk;  // defined in the implementation

class JwkSet {
 public:
  struct ParseResult;

  // Parses a JWK Set document strictly (duplicate members refused).
  static ParseResult Parse(std::string_view json_text);

  std::size_t size() const;
  // kids of the usable keys, in document order (for diagnostics).
  std::vector<std::string> UsableKids() const;

  // Internal to the verifier.
  const std::vector<std::shared_ptr<const ParsedJwk>>& keys() const {
    return keys_;
  }

 private:
  std::vector<std::shared_ptr<const ParsedJwk>> keys_;
};

struct JwkSet::ParseResult {
  Reason reason = Reason::kOk;  // kJwksMalformed, kDuplicateMember, kTooLarge
  std::string detail;
  std::shared_ptr<const JwkSet> set;
};

}  // namespace jwtconf
