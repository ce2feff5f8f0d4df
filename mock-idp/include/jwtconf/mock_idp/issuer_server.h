// Loopback HTTP(S) server for one or many mock issuers. It serves what it is
// told, injects the faults it is told, and records every request. It knows
// nothing about vectors or verdicts.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jwtconf/mock_idp/test_pki.h"

namespace jwtconf::mockidp {

// What an httplib::Client sees is in brackets; other clients see the same
// bytes on the wire.
enum class Fault {
  kNone,
  kDelay,  // answer after `delay` (or at once on Stop())
  // Nothing is sent until `delay` elapses or Stop(), then as
  // kCloseConnection. [read timeout: Error::Read]
  kHang,
  // Status line and headers (Content-Length: max(body size, 1)), then the
  // connection closes with no body. [Error::Read, no response]
  kCloseConnection,
  // Status line, headers with Content-Length of the full body, the first half
  // of the body, then close. [Error::Read, no response]
  kTruncateBody,
  // Nothing is sent; the connection is reset (SO_LINGER 0, then close: the
  // client sees RST). [Error::Read, no response]
  kReset,
};

struct CannedResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  Fault fault = Fault::kNone;
  std::chrono::milliseconds delay{0};
};

struct RequestRecord {
  std::string listener;  // BaseUrl() of the server that received it
  std::string issuer;    // first path segment; empty when none matched
  std::string method;
  std::string path;    // path below the issuer, e.g. "/jwks.json"
  std::string target;  // full request target as received
  std::chrono::system_clock::time_point time;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string version;  // "HTTP/1.1"
  std::string remote;   // the client's address and port, "127.0.0.1:41234"
};

// "GET /x HTTP/1.1 from 127.0.0.1": how reports quote a request (the
// client's address without its port).
std::string RequestLine(const RequestRecord& record);

// What a computed route sees of a request.
struct RouteRequest {
  std::string method;
  std::string path;                          // below the issuer
  std::map<std::string, std::string> query;  // first value of each name
  std::string body;
};

// Computes an answer per request; runs on a server thread, so it must be
// thread-safe.
using RouteHandler = std::function<CannedResponse(const RouteRequest&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback only; others are refused
  int port = 0;                    // 0: the OS picks
  std::chrono::seconds io_timeout{5};
  std::size_t max_request_bytes = 64 * 1024;
  std::size_t threads = 8;
  // Serve https with this certificate and key instead of plain http.
  std::optional<TlsIdentity> tls;
};

// Issuers live under path prefixes: issuer "a" is BaseUrl() + "/a".
class IssuerServer {
 public:
  explicit IssuerServer(ServerOptions options = {});
  // Another listener (own address, scheme or certificate) for the issuers of
  // `serve_same_as`: a route set on either is served by both, and both
  // record into one request log. Each listener starts and stops on its own.
  IssuerServer(ServerOptions options, IssuerServer& serve_same_as);
  ~IssuerServer();  // stops the server
  IssuerServer(const IssuerServer&) = delete;
  IssuerServer& operator=(const IssuerServer&) = delete;

  // Binds and starts serving in background threads; returns once the server
  // accepts connections. Throws std::runtime_error when the address cannot be
  // bound or is not loopback, or the TLS identity is unusable. A server
  // starts at most once.
  void Start();
  // Idempotent. Wakes held (kHang, kDelay) requests so it returns promptly.
  void Stop();

  int port() const;
  // http://127.0.0.1:P or http://[::1]:P; https:// with a TLS identity.
  std::string BaseUrl() const;
  std::string IssuerUrl(std::string_view name) const;  // BaseUrl()/name

  // Replaces what `issuer` answers at `path` (e.g.
  // "/.well-known/openid-configuration"). Unknown paths answer 404.
  void SetRoute(const std::string& issuer, const std::string& path,
                CannedResponse response);
  // Like SetRoute, but the answer is computed per request (mint endpoints).
  void SetHandler(const std::string& issuer, const std::string& path,
                  RouteHandler handler);
  // Answers the requests to `path` with `responses` in turn, the last one
  // again once all have been served (a document that changes between
  // fetches). Setting a sequence again on a path that serves one keeps its
  // count of responses served, so republishing does not restart it; any
  // other route set on the path resets it. Throws std::invalid_argument when
  // `responses` is empty.
  void SetSequence(const std::string& issuer, const std::string& path,
                   std::vector<CannedResponse> responses);
  void ClearIssuer(const std::string& issuer);

  std::vector<RequestRecord> Requests() const;
  std::vector<RequestRecord> RequestsFor(std::string_view issuer) const;
  void ClearRequests();
  // The records so far, removed from the log in the same step, so that a
  // request arriving meanwhile is neither lost nor returned twice.
  std::vector<RequestRecord> TakeRequests();

 private:
  struct RouteTable;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// An OpenID Provider metadata document with the members a verifier needs.
nlohmann::json DiscoveryDocument(const std::string& issuer,
                                 const std::string& jwks_uri);

}  // namespace jwtconf::mockidp
