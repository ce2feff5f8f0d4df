// Turns a vector's `token` description into a compact token, minted by the
// mock issuer's code (vectors/README.md, "token").
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "key_pool.h"
#include "placeholders.h"

namespace jwtconf::harness {

struct TokenContext {
  PlaceholderValues values;
  // kid published for a pool key when the issuer overrides it.
  std::map<std::string, std::string> published_kids;
};

// Throws std::runtime_error (or std::invalid_argument from the minter) when
// the description cannot be minted, e.g. an alg that does not fit the key.
std::string BuildToken(const nlohmann::json& token, KeyPool& keys,
                       const TokenContext& context);

}  // namespace jwtconf::harness
