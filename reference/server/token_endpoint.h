// The RFC 7523 token endpoint of the reference server (HTTP-7): a JWT from a
// trusted issuer as authorization grant (§2.1) or as client assertion
// (§2.2), verified with the same discovery and keys as bearer tokens, but
// with the token endpoint URL as the expected audience (§3).
//
//   VerifierOptions assertions = resource_options;
//   assertions.audience = "http://127.0.0.1:8080/token";
//   jwtconf::TokenEndpoint endpoint(assertions, keys, clock);
//   jwtconf::TokenResponse answer =
//       endpoint.Handle("application/x-www-form-urlencoded", body);
//
// Success is 200 with an opaque random access token (RFC 6749 §5.1); it
// stands for nothing else in jwtconf: the resource server accepts only JWTs.
// Errors are 400 with `error` (RFC 6749 §5.2, RFC 7523 §3.1) and the
// reference's `reason` code.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/verifier.h"

namespace jwtconf {

inline constexpr std::string_view kJwtBearerGrantType =
    "urn:ietf:params:oauth:grant-type:jwt-bearer";
inline constexpr std::string_view kJwtBearerClientAssertionType =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

struct TokenEndpointOptions {
  std::chrono::seconds access_token_lifetime{300};
  // ROB-1: bound on remembered jti values; when it is full of unexpired
  // entries, assertions with a jti are refused (fail closed).
  std::size_t max_seen_jtis = 100000;
};

struct TokenResponse {
  int status = 200;
  nlohmann::json body;
};

class TokenEndpoint {
 public:
  // `assertions` configures the assertion verifier: the trusted issuers and
  // profile of the resource server, with `audience` set to the token
  // endpoint URL. `keys` and `clock` must outlive the endpoint. Throws
  // std::invalid_argument for an unusable configuration.
  TokenEndpoint(VerifierOptions assertions, KeySource& keys, const Clock& clock,
                TokenEndpointOptions options = {});

  // One access token request: its Content-Type and body. Thread-safe.
  TokenResponse Handle(std::string_view content_type,
                       std::string_view body) const;

 private:
  // JWT-8: refuses a jti already seen for the issuer; remembers it until the
  // assertion could no longer be accepted.
  Reason RememberJti(const Verification& verification) const;

  VerifierOptions verifier_options_;
  Verifier verifier_;
  const Clock& clock_;
  TokenEndpointOptions options_;
  mutable std::mutex mutex_;  // guards seen_jtis_
  // (issuer, jti) -> the time after which the assertion is expired anyway.
  mutable std::map<std::pair<std::string, std::string>, double> seen_jtis_;
};

}  // namespace jwtconf
