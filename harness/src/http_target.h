// A resource server under test, reached over HTTP: each token is sent as
// `Authorization: Bearer <token>`; 2xx is accept, 401 and 400 are reject,
// anything else (or no answer) is an error.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "target.h"

namespace jwtconf::harness {

class HttpTarget final : public Target {
 public:
  // `url` is http://HOST:PORT[/path]. Throws std::invalid_argument for
  // anything else.
  HttpTarget(const std::string& url, std::chrono::milliseconds timeout);
  ~HttpTarget() override;

  Observation Send(const std::string& token) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jwtconf::harness
