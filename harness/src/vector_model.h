// A test vector as loaded from YAML (format: vectors/README.md). Token and
// issuer descriptions stay JSON; the loader has checked their member names
// and types, the token builder and issuer setup interpret them.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_result.h"

namespace jwtconf::harness {

// What a step expects to see in the HTTP response (HTTP-2..4, HTTP-7,
// HTTP-8); checked only by targets reached over HTTP.
struct ExpectHttp {
  std::vector<int> statuses{};  // any of these; empty: not checked
  // A WWW-Authenticate challenge with this scheme (empty: not checked) ...
  std::string challenge_scheme{};
  // ... whose `error` attribute is one of these; "" stands for no error
  // attribute. Empty: the attribute is not checked.
  std::vector<std::string> challenge_errors{};
  std::vector<std::string> oauth_errors{};  // JSON body `error`, any of these
  bool no_token_echo = false;  // neither headers nor body quote the token

  bool empty() const {
    return statuses.empty() && challenge_scheme.empty() &&
           oauth_errors.empty() && !no_token_echo;
  }
};

struct Step {
  nlohmann::json token;  // the `token` mapping ({} = defaults)
  Verdict expect = Verdict::kAccept;
  std::vector<std::string> reasons;                  // any of these, for reject
  nlohmann::json publish = nlohmann::json::array();  // key entries added
  std::vector<std::string> retire;                   // pool names removed
  std::int64_t advance_seconds = 0;
  std::vector<std::string> heal;       // "discovery"/"jwks" made good
  std::map<std::string, int> fetches;  // "discovery"/"jwks": exact counts
  // ... or upper bounds; other names are paths of the issuer ("/x.json")
  std::map<std::string, int> max_fetches;
  nlohmann::json request;  // the `request` mapping, or null
  ExpectHttp expect_http;
};

struct Vector {
  std::string id;
  std::string title;
  std::string category;
  std::vector<std::string> requirements;  // the first is the primary one
  std::string rationale;
  std::string file;         // relative to the vectors folder
  nlohmann::json issuer;    // null: the default issuer
  nlohmann::json verifier;  // null: the run's profile
  std::vector<std::string> needs;
  std::vector<Step> steps;  // a single-token vector has one step

  bool Needs(const std::string& capability) const;
  // Whether the vector runs against the run's shared default issuer and
  // profile, so a long-lived target can serve it.
  bool UsesDefaultIssuer() const;
};

struct KeyDefinition {
  std::string name;
  std::string kty;  // RSA, EC, OKP
  int bits = 0;
  std::string crv;
  std::string alg;  // default signing algorithm
  std::string kid;
};

struct Requirement {
  std::string id;
  std::string level;  // MUST, SHOULD, MAY
  std::string text;
};

struct VectorSuite {
  std::string root;  // the vectors folder
  std::vector<Vector> vectors;
  std::map<std::string, KeyDefinition> keys;
  std::vector<std::string> default_issuer_keys;
  std::map<std::string, Requirement> requirements;
};

}  // namespace jwtconf::harness
