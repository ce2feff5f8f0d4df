// A verifier under test, as the runner sees it: send a token, observe the
// verdict.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http_request.h"
#include "run_result.h"

namespace jwtconf::harness {

struct Observation {
  std::optional<Verdict> verdict;  // unset when the target errored
  std::string reason;              // reason code, where the target exposes one
  std::string detail;              // message, status line or error text
  int http_status = 0;             // over HTTP only
  // Over HTTP only: what else the response said.
  std::vector<std::string> www_authenticate;  // every header value
  std::string oauth_error;                    // `error` of a JSON body
  bool echoed_token = false;  // a header or the body quotes the token
  bool timed_out = false;     // no complete answer within the timeout
  bool crashed = false;       // a launched target died during the step
  bool refused = false;       // no connection could be made
  // Set when the step could not be expressed to this target (e.g. bytes an
  // HTTP header cannot carry): the step is skipped, not failed.
  std::string not_sent;
};

// What the runner sends: the token and, when the step describes one, the
// exact HTTP request that carries it.
struct Delivery {
  std::string token;
  std::optional<HttpRequest> http{};
};

class Target {
 public:
  virtual ~Target() = default;
  virtual Observation Send(const Delivery& delivery) = 0;
  // URL of the target's RFC 7523 token endpoint (HTTP-7); "" for none.
  virtual std::string TokenEndpointUrl() { return ""; }
};

}  // namespace jwtconf::harness
