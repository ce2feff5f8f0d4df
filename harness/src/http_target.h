// A resource server under test, reached over HTTP: each token is sent as
// `Authorization: Bearer <token>`, or in exactly the request a step
// describes; 2xx is accept, 401 and 400 are reject, anything else (or no
// answer) is an error.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "target.h"

namespace jwtconf::harness {

class HttpTarget final : public Target {
 public:
  // `url` is http://HOST:PORT[/path]. Throws std::invalid_argument for
  // anything else. `token_endpoint_path` is the path of the target's
  // RFC 7523 token endpoint on the same host and port ("" for none).
  HttpTarget(const std::string& url, std::chrono::milliseconds timeout,
             const std::string& token_endpoint_path = "");
  ~HttpTarget() override;

  Observation Send(const Delivery& delivery) override;
  std::string TokenEndpointUrl() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jwtconf::harness
