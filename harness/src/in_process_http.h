// The reference resource server in front of the in-process verifier, on
// 127.0.0.1 with an OS-chosen port, with its RFC 7523 token endpoint at
// /token: steps that describe their HTTP request exercise the real HTTP
// binding of the reference, not just the verifier.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "http_target.h"
#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/verifier.h"
#include "server/reference_server.h"
#include "target.h"

namespace jwtconf::harness {

inline constexpr char kInProcessTokenEndpointPath[] = "/token";

class InProcessHttp {
 public:
  // `resource` configured `verifier`; assertions at the token endpoint are
  // checked with the same options and keys, with the endpoint's URL as
  // audience. Everything passed must outlive this. Throws
  // std::runtime_error when the server cannot start.
  InProcessHttp(const VerifierOptions& resource, const Verifier& verifier,
                KeySource& keys, const Clock& clock);
  ~InProcessHttp();

  Observation Send(const Delivery& delivery);
  std::string TokenEndpointUrl() const;

 private:
  ReferenceServer server_;
  std::unique_ptr<HttpTarget> client_;  // closed before the server stops
};

}  // namespace jwtconf::harness
