// One JWK (RFC 7517 §4) parsed into an OpenSSL public key, or kept with the
// reason it cannot be used (JWKS-1).
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/reason.h"
#include "verify_context_cache.h"

namespace jwtconf {

struct ParsedJwk {
  std::optional<std::string> kid;
  std::string kty;
  std::string crv;  // EC and OKP keys
  std::optional<std::string> alg;
  std::optional<std::string> use;
  std::optional<std::vector<std::string>> key_ops;
  std::shared_ptr<EVP_PKEY> pkey;  // set when problem == kOk
  // Verification contexts of pkey, filled on first use per algorithm.
  std::shared_ptr<const VerifyContextCache> verify_contexts =
      std::make_shared<const VerifyContextCache>();
  int rsa_bits = 0;
  Reason problem = Reason::kOk;  // kInvalidKey, kWeakKey
  std::string problem_detail;
  bool usable() const { return problem == Reason::kOk; }
};

// JWKS-7: RSA moduli below this many bits are weak.
inline constexpr int kMinRsaBits = 2048;
// ROB-1: RSA moduli above this many bits cost too much to use.
inline constexpr int kMaxRsaBits = 16384;

// Never fails: an unusable member is reported in ParsedJwk::problem.
ParsedJwk ParseJwk(const nlohmann::json& member);

}  // namespace jwtconf
