// How a request presents its bearer token (RFC 6750 §2), decided before any
// verification: a pure function of the request's credential carriers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jwtconf {

// The places a request can carry a bearer token.
struct RequestCredentials {
  // Every Authorization header value, in the order received.
  std::vector<std::string> authorization_values;
  bool query_access_token = false;  // URI query has `access_token` (§2.3)
  bool body_access_token = false;   // form-encoded body has it (§2.2)
};

enum class CredentialKind {
  kToken,           // exactly one well-formed `Bearer <b64token>` header
  kMissing,         // no credentials, or only another scheme (e.g. Basic)
  kInvalidRequest,  // HTTP-4: malformed, or a token by more than one method
  kQueryOnly,       // HTTP-5: token only in the query or body, not accepted
};

struct CredentialClassification {
  CredentialKind kind = CredentialKind::kMissing;
  std::string token;  // set when kind == kToken
};

CredentialClassification ClassifyCredentials(
    const RequestCredentials& credentials);

}  // namespace jwtconf
