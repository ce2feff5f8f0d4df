#include "in_process_http.h"

#include <utility>

namespace jwtconf::harness {
namespace {

// Loopback answers at once; a bound keeps a stuck request from hanging.
constexpr std::chrono::milliseconds kRequestTimeout{10000};

ReferenceServerOptions ServerOptions(const VerifierOptions& resource,
                                     KeySource& keys, const Clock& clock) {
  ReferenceServerOptions options;
  options.token_endpoint_path = kInProcessTokenEndpointPath;
  // HTTP-7: a second verifier on the same keys; RFC 7523 §3: the audience
  // is the token endpoint URL.
  options.make_token_endpoint = [resource, &keys,
                                 &clock](const std::string& url) {
    VerifierOptions assertions = resource;
    assertions.audience = url;
    return std::make_unique<TokenEndpoint>(std::move(assertions), keys, clock);
  };
  return options;
}

}  // namespace

InProcessHttp::InProcessHttp(const VerifierOptions& resource,
                             const Verifier& verifier, KeySource& keys,
                             const Clock& clock)
    : server_(ServerOptions(resource, keys, clock), verifier) {
  server_.Start();
  client_ = std::make_unique<HttpTarget>(
      "http://127.0.0.1:" + std::to_string(server_.port()) + "/",
      kRequestTimeout, kInProcessTokenEndpointPath);
}

InProcessHttp::~InProcessHttp() {
  client_.reset();
  server_.Stop();
}

Observation InProcessHttp::Send(const Delivery& delivery) {
  return client_->Send(delivery);
}

std::string InProcessHttp::TokenEndpointUrl() const {
  return server_.token_endpoint_url();
}

}  // namespace jwtconf::harness
