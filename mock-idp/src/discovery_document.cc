// OpenID Connect Discovery 1.0 section 3: the REQUIRED members, with values
// that follow from the issuer URL.
#include "jwtconf/mock_idp/issuer_server.h"

namespace jwtconf::mockidp {

nlohmann::json DiscoveryDocument(const std::string& issuer,
                                 const std::string& jwks_uri) {
  return {
      {"issuer", issuer},
      {"jwks_uri", jwks_uri},
      {"authorization_endpoint", issuer + "/authorize"},
      {"token_endpoint", issuer + "/token"},
      {"response_types_supported", {"code", "id_token", "id_token token"}},
      {"subject_types_supported", {"public"}},
      {"id_token_signing_alg_values_supported",
       {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
        "ES512", "EdDSA"}},
  };
}

}  // namespace jwtconf::mockidp
