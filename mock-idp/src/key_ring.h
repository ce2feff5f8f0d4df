// The keys of one standalone issuer: one current key per alg, plus the
// previous generation kept published until the next rotation. Not
// thread-safe; StandaloneIssuer serialises access.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "jwtconf/mock_idp/signing_key.h"

namespace jwtconf::mockidp::internal {

struct PublishedKey {
  SigningKey key;
  std::string kid;
};

// The key type generated for a JWS alg. Throws std::invalid_argument for HS*
// (no public key to publish) and unknown algs.
KeySpec KeySpecForAlg(const std::string& alg);

class KeyRing {
 public:
  // Generates one key per alg; algs must be distinct and known.
  explicit KeyRing(const std::vector<std::string>& algs);

  const std::vector<std::string>& algs() const { return algs_; }
  // Null when `alg` is not one of algs().
  const PublishedKey* Current(const std::string& alg) const;
  void Rotate();
  // RFC 7517 section 5: current keys first, then the previous generation.
  nlohmann::json Jwks() const;

 private:
  struct Slot {
    PublishedKey current;
    std::optional<PublishedKey> previous;
  };

  std::vector<std::string> algs_;
  std::map<std::string, Slot> slots_;
};

}  // namespace jwtconf::mockidp::internal
