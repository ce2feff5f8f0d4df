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
};

class PublishedIssuer {
 public:
  // `issuer` is the vector's `issuer` mapping (null for the default).
  PublishedIssuer(mockidp::IssuerServer& server, std::string name,
                  const nlohmann::json& issuer, KeyPool& keys,
                  const std::vector<std::string>& default_keys,
                  std::string jwks_path);

  const std::string& url() const { return url_; }
  const std::string& jwks_uri() const { return jwks_uri_; }
  // kid published for each pool key that is published.
  std::map<std::string, std::string> PublishedKids() const;

  // A step's `publish` entries and `retire` names; republishes the JWK Set.
  void ChangeKeys(const nlohmann::json& publish,
                  const std::vector<std::string>& retire);
  FetchCounts Fetches() const;

  // (Re)writes both routes on the server.
  void Publish(std::int64_t now);

 private:
  nlohmann::json KeyEntry(const nlohmann::json& entry) const;
  nlohmann::json JwkOf(const nlohmann::json& entry);

  mockidp::IssuerServer& server_;
  std::string name_;
  nlohmann::json spec_;
  KeyPool& keys_;
  std::string url_;
  std::string jwks_path_;
  std::string jwks_uri_;
  nlohmann::json entries_ = nlohmann::json::array();  // normalised key entries
};

}  // namespace jwtconf::harness
