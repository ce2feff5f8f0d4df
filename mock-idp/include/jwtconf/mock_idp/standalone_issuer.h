// Ready-made issuers for use by hand: generated keys, a JWK Set, a discovery
// document, key rotation and token minting, all on one loopback IssuerServer.
//
// Per issuer NAME, under IssuerUrl(NAME):
//   GET  /.well-known/openid-configuration
//   GET  /jwks.json                 Cache-Control: max-age=300
//   POST /mint[?alg=ES256]          body: JSON claims; answers the token
//   POST /rotate                    answers {"kids": [...]} of the new keys
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "jwtconf/mock_idp/issuer_server.h"

namespace jwtconf::mockidp {

struct StandaloneOptions {
  ServerOptions server;
  std::vector<std::string> issuers = {"issuer"};  // [A-Za-z0-9._-]+
  // One key per alg: RS*, PS* (RSA-2048), ES256/384/512, EdDSA.
  std::vector<std::string> algs = {"RS256"};
  std::chrono::seconds token_lifetime{600};
  std::function<std::chrono::system_clock::time_point()> now =
      std::chrono::system_clock::now;
};

class StandaloneIssuer {
 public:
  // Generates the keys. Throws std::invalid_argument for a bad issuer name,
  // a duplicate, or an alg without a public key (HS*) or unknown.
  explicit StandaloneIssuer(StandaloneOptions options);
  ~StandaloneIssuer();
  StandaloneIssuer(const StandaloneIssuer&) = delete;
  StandaloneIssuer& operator=(const StandaloneIssuer&) = delete;

  // Starts the server and publishes every issuer's routes. Throws
  // std::runtime_error like IssuerServer::Start.
  void Start();
  void Stop();

  const std::vector<std::string>& Issuers() const;
  std::string IssuerUrl(std::string_view issuer) const;
  std::string JwksUrl(std::string_view issuer) const;
  std::string MintUrl(std::string_view issuer) const;
  IssuerServer& server();

  // Current and previous public keys, with kid, alg and use.
  nlohmann::json Jwks(std::string_view issuer) const;
  // Publishes a fresh key per alg; the current ones stay published as the
  // previous generation, and the previous generation is retired.
  void Rotate(std::string_view issuer);
  // Signs `claims` (a JSON object; null means none) with the current key for
  // `alg` (empty: the first configured alg), after filling iss, iat and exp
  // when absent. The header carries alg, kid and typ "JWT". Call after Start():
  // the default iss names the bound port. Throws std::invalid_argument for an
  // unknown issuer or alg, or claims that are neither an object nor null.
  std::string Mint(std::string_view issuer, const nlohmann::json& claims,
                   std::string_view alg = "") const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jwtconf::mockidp
