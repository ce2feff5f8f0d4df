// Publishes a vector's issuer on the mock issuer server: the discovery
// document and the JWK Set built from pool keys, with the vector's response
// overrides and faults (vectors/README.md, "issuer"). Steps change the
// published keys between tokens.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jwtconf/mock_idp/issuer_server.h"
#include "key_pool.h"
#include "placeholders.h"

namespace jwtconf::harness {

struct FetchCounts {
  int discovery = 0;
  int jwks = 0;
  // Requests to the issuer's other paths (routes, unknown paths), by path.
  std::map<std::string, int> paths;
};

class PublishedIssuer {
 public:
  // `issuer` is the vector's `issuer` mapping (null for the default).
  // `origin` replaces the server's scheme://host:port in every URL, for
  // issuers that are only described, never served (vector export).
  // `jwks_origin` replaces it in jwks_uri only: another listener that
  // shares the server's routes (`issuer.tls`).
  PublishedIssuer(mockidp::IssuerServer& server, std::string name,
                  const nlohmann::json& issuer, KeyPool& keys,
                  const std::vector<std::string>& default_keys,
                  std::string jwks_path, std::string origin = {},
                  const std::string& jwks_origin = {});

  const std::string& url() const { return url_; }
  // The issuer identifier: what targets trust and tokens carry in `iss`
  // (the URL, with a trailing slash when the vector asks for one).
  const std::string& identifier() const { return identifier_; }
  const std::string& jwks_uri() const { return jwks_uri_; }
  // Placeholder values for this issuer at `now`.
  PlaceholderValues Values(const std::string& audience, std::int64_t now) const;
  // kid published for each pool key that is published.
  std::map<std::string, std::string> PublishedKids() const;

  // A step's `publish` entries and `retire` names; republishes the JWK Set.
  void ChangeKeys(const nlohmann::json& publish,
                  const std::vector<std::string>& retire);
  // A step's `heal`: "discovery" and/or "jwks" drop the vector's response
  // overrides, faults and sequences for that document, and "jwks" moves
  // jwks_uri back to the issuer's own listener (`tls.jwks`). Takes effect
  // at the next Publish().
  void Heal(const std::vector<std::string>& parts);
  // The SSRF canary's origins for `${canary}` and `${canary_http}`.
  void SetCanary(std::string origin, std::string http_origin);
  FetchCounts Fetches() const;

  // (Re)writes every route of the issuer on the server: discovery, JWK Set,
  // RFC 8414 metadata and the vector's extra routes.
  void Publish(const std::string& audience, std::int64_t now);
  // The JWK Set document as published, before response overrides.
  nlohmann::json JwksDocument(const PlaceholderValues& values);

 private:
  nlohmann::json KeyEntry(const nlohmann::json& entry) const;
  nlohmann::json JwkOf(const nlohmann::json& entry);

  mockidp::IssuerServer& server_;
  std::string name_;
  nlohmann::json spec_;
  KeyPool& keys_;
  std::string origin_;
  std::string url_;
  std::string identifier_;
  std::string jwks_path_;
  std::string jwks_uri_;
  nlohmann::json entries_ = nlohmann::json::array();  // normalised key entries
  std::string canary_;
  std::string canary_http_;
};

}  // namespace jwtconf::harness
