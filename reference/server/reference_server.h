// The reference resource server: RFC 6750 bearer authentication in front of
// the reference verifier. Every path and method is the protected resource.
//
//   jwtconf::ReferenceServer server({}, verifier);
//   server.Start();  // throws std::runtime_error when it cannot listen
//   std::cout << "listening on port " << server.port() << "\n";
//   ...
//   server.Stop();
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "jwtconf/reference/verifier.h"
#include "server/token_endpoint.h"

namespace jwtconf {

struct ReferenceServerOptions {
  std::string host = "127.0.0.1";  // loopback addresses only
  int port = 0;                    // 0: the OS picks
  std::chrono::seconds io_timeout{5};
  std::size_t max_body = 64 * 1024;
  bool verbose = false;  // one line per request to stderr
  // HTTP-7: an RFC 7523 token endpoint at this path (empty: none); every
  // other path stays the protected resource.
  std::string token_endpoint_path{};
  // The URL assertions must name as `aud` (RFC 7523 §3); empty: the
  // server's own http://HOST:PORT<path> once bound.
  std::string token_endpoint_url{};
  // Builds the endpoint for that URL when Start() has bound the port;
  // required with a path.
  std::function<std::unique_ptr<TokenEndpoint>(const std::string& url)>
      make_token_endpoint{};
};

class ReferenceServer {
 public:
  // `verifier` must outlive the server.
  ReferenceServer(ReferenceServerOptions options, const Verifier& verifier);
  ~ReferenceServer();  // stops the server
  ReferenceServer(const ReferenceServer&) = delete;
  ReferenceServer& operator=(const ReferenceServer&) = delete;

  // Binds and serves in a background thread. Throws std::runtime_error when
  // the host is not a loopback address or cannot be bound.
  void Start();
  // Port actually bound; 0 before Start().
  int port() const;
  // The token endpoint's URL; empty without one or before Start().
  std::string token_endpoint_url() const;
  // Stops serving and joins the thread; safe to call more than once.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jwtconf
