// How a step's token travels over HTTP (vectors/README.md, "HTTP requests"):
// the vector's `request` and `expect_http` mappings, the concrete request
// built from them, and the checks of the response.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "placeholders.h"
#include "vector_model.h"

namespace jwtconf::harness {

// One request, placeholders expanded.
struct HttpRequest {
  bool token_endpoint = false;  // the RFC 7523 endpoint, not the resource
  std::string method = "GET";
  std::vector<std::string> authorization{};  // header values, in order
  std::string query{};                       // after '?', without it
  std::optional<std::string> form{};  // application/x-www-form-urlencoded body
};

// A problem in a vector's `request` or `expect_http` mapping: the member
// below it ("" for the mapping itself) and what is wrong.
struct SpecProblem {
  std::string field;
  std::string problem;
};

std::optional<SpecProblem> CheckRequestSpec(const nlohmann::json& request);
std::optional<SpecProblem> ParseExpectHttp(const nlohmann::json& expect,
                                           ExpectHttp& parsed);

// Whether the step describes its HTTP request or response, so a target
// must really speak HTTP for it.
bool NeedsHttp(const Step& step);
// Whether the vector sends to the token endpoint or names its URL.
bool UsesTokenEndpoint(const Vector& vector);

// The request of `spec` (null: `Authorization: Bearer <token>` at the
// resource) carrying `token`. `${token}` is replaced by the token as is,
// other placeholders as in tokens. Throws std::runtime_error for an unknown
// placeholder.
HttpRequest ExpandRequest(const nlohmann::json& spec, const std::string& token,
                          const PlaceholderValues& values);

// One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1).
struct Challenge {
  std::string scheme;
  std::vector<std::pair<std::string, std::string>> params;  // lowercase names
  std::string token68;
};

// Every challenge of the header values, in order; parsing stops at the
// first syntax error of a value.
std::vector<Challenge> ParseChallenges(const std::vector<std::string>& values);

// Whether a response part (body or header value) quotes `token`, or its
// signature part, when those are long enough to tell (HTTP-8).
bool QuotesToken(std::string_view text, std::string_view token);

}  // namespace jwtconf::harness
