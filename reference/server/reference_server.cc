#include "server/reference_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>

#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

#include "jwtconf/reference/reason.h"
#include "server/authorization.h"
#include "server/form_urlencoded.h"

namespace jwtconf {
namespace {

constexpr std::string_view kFormContentType =
    "application/x-www-form-urlencoded";
// TODO(reference-server): eight clients sending headers slower than the I/O
// timeout can hold every worker (slowloris); cpp-httplib 0.11 has no
// deadline for a whole request head, so this needs an accept-side guard.
constexpr std::size_t kWorkerThreads = 8;
constexpr std::size_t kKeepAliveMaxRequests = 100;
constexpr auto kStartupWait = std::chrono::seconds(5);
// A detail sharing this many consecutive characters with the token is taken
// to quote it.
constexpr std::size_t kTokenEchoWindow = 12;
// base64url of 256 bits: shorter runs of base64url text are not key material
// or signatures.
constexpr std::size_t kEncodedSecretRun = 43;
constexpr std::size_t kMaxDetailBytes = 256;

// Literal loopback addresses only: 127.0.0.0/8 and ::1.
bool IsLoopbackAddress(const std::string& host) {
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }

  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
    return IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;
}

bool StartsWithIgnoreAsciiCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;

  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(text[i]) != lower(prefix[i])) return false;
  }
  return true;
}

// A literal address as the host of a URL: IPv6 in brackets.
std::string UrlHost(const std::string& host) {
  return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

std::string_view QueryOf(std::string_view target) {
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return {};

  const std::string_view query = target.substr(question + 1);
  return query.substr(0, query.find('#'));
}

// TODO(reference-server): cpp-httplib before 0.44 (Debian 12 ships 0.11.4)
// percent-decodes request header values, so `Bearer %65yJ...` arrives here
// as `Bearer eyJ...` and is accepted although '%' is outside b64token
// (HTTP-1, RFC 9110 §5.5: field values are opaque). Needs a newer httplib
// or our own header parsing; no vector tests it until then.
RequestCredentials CredentialsOf(const httplib::Request& request) {
  RequestCredentials credentials;
  const auto [first, last] = request.headers.equal_range("Authorization");
  for (auto it = first; it != last; ++it) {
    credentials.authorization_values.push_back(it->second);
  }
  credentials.query_access_token =
      HasUrlEncodedParameter(QueryOf(request.target), "access_token");
  credentials.body_access_token =
      StartsWithIgnoreAsciiCase(request.get_header_value("Content-Type"),
                                kFormContentType) &&
      HasUrlEncodedParameter(request.body, "access_token");
  return credentials;
}

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+' || c == '/';
}

bool HasLongEncodedRun(std::string_view text) {
  std::size_t run = 0;
  for (const char c : text) {
    run = IsBase64UrlChar(c) ? run + 1 : 0;
    if (run >= kEncodedSecretRun) return true;
  }
  return false;
}

// HTTP-8: the verification detail is returned only when it cannot quote the
// token or carry encoded key material; printable ASCII, bounded.
std::optional<std::string> SafeDetail(std::string_view detail,
                                      std::string_view token) {
  if (detail.empty()) return std::nullopt;

  if (!token.empty() && detail.find(token) != std::string_view::npos) {
    return std::nullopt;
  }

  for (std::size_t i = 0; i + kTokenEchoWindow <= detail.size(); ++i) {
    if (token.find(detail.substr(i, kTokenEchoWindow)) !=
        std::string_view::npos) {
      return std::nullopt;
    }
  }

  if (HasLongEncodedRun(detail)) return std::nullopt;

  std::string printable;
  for (const char c : detail.substr(0, kMaxDetailBytes)) {
    printable += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return printable;
}

// RFC 6750 §3: error_description is restricted to %x20-21 / %x23-5B /
// %x5D-7E, so it never needs escaping inside its quotes.
std::string ErrorDescription(std::string_view message) {
  std::string text;
  for (const char c : message) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') continue;
    text += c;
  }
  return text;
}

std::string JsonText(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void SetJsonBody(httplib::Response& response, const nlohmann::json& body) {
  response.set_content(JsonText(body), "application/json");
}

void AnswerMissing(httplib::Response& response) {
  const std::string code(ReasonCode(Reason::kMissingCredentials));
  response.status = 401;
  response.set_header("WWW-Authenticate", "Bearer");
  SetJsonBody(response, {{"error", code}, {"reason", code}});
}

void AnswerInvalidRequest(httplib::Response& response) {
  const std::string code(ReasonCode(Reason::kInvalidRequest));
  response.status = 400;
  response.set_header("WWW-Authenticate", "Bearer error=\"invalid_request\"");
  SetJsonBody(response, {{"error", "invalid_request"}, {"reason", code}});
}

void AnswerInvalidToken(httplib::Response& response,
                        const Verification& verification,
                        std::string_view token) {
  response.status = 401;
  response.set_header("WWW-Authenticate",
                      "Bearer error=\"invalid_token\", error_description=\"" +
                          ErrorDescription(ReasonMessage(verification.reason)) +
                          "\"");
  nlohmann::json body = {
      {"error", "invalid_token"},
      {"reason", std::string(ReasonCode(verification.reason))}};
  if (const auto detail = SafeDetail(verification.detail, token)) {
    body["detail"] = *detail;
  }
  SetJsonBody(response, body);
}

void AnswerAccepted(httplib::Response& response,
                    const Verification& verification) {
  response.status = 200;
  nlohmann::json body = {{"sub", verification.subject},
                         {"iss", verification.issuer},
                         {"kid", verification.kid}};
  if (verification.claims.is_object() && verification.claims.contains("aud")) {
    body["aud"] = verification.claims["aud"];
  }
  if (verification.header.is_object() && verification.header.contains("alg")) {
    body["alg"] = verification.header["alg"];
  }
  SetJsonBody(response, body);
}

// The reason code a response carries, for the request log.
std::string LoggedReason(const httplib::Response& response) {
  if (response.status >= 200 && response.status < 300) {
    return std::string(ReasonCode(Reason::kOk));
  }

  const nlohmann::json body =
      nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("reason") &&
      body["reason"].is_string()) {
    return body["reason"].get<std::string>();
  }
  return "-";
}

std::string Printable(std::string_view text) {
  std::string printable;
  for (const char c : text.substr(0, kMaxDetailBytes)) {
    printable += (c > 0x20 && c < 0x7f) ? c : '?';
  }
  return printable;
}

}  // namespace

struct ReferenceServer::Impl {
  Impl(ReferenceServerOptions server_options, const Verifier& verifier)
      : options(std::move(server_options)), verifier(verifier) {}

  void Handle(const httplib::Request& request, httplib::Response& response);
  void HandleToken(const httplib::Request& request,
                   httplib::Response& response);

  ReferenceServerOptions options;
  const Verifier& verifier;
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::unique_ptr<TokenEndpoint> token_endpoint;  // set by Start()
  std::string token_endpoint_url;
};

void ReferenceServer::Impl::HandleToken(const httplib::Request& request,
                                        httplib::Response& response) {
  // RFC 6749 §5.1: token responses are never cached.
  response.set_header("Cache-Control", "no-store");
  response.set_header("Pragma", "no-cache");
  // RFC 6749 §3.2: access token requests use POST.
  if (request.method != "POST") {
    const std::string code(ReasonCode(Reason::kInvalidRequest));
    response.status = 405;
    response.set_header("Allow", "POST");
    SetJsonBody(response, {{"error", "invalid_request"}, {"reason", code}});
    return;
  }

  // HTTP-7: RFC 7523 grants and client assertions.
  const TokenResponse answer = token_endpoint->Handle(
      request.get_header_value("Content-Type"), request.body);
  response.status = answer.status;
  SetJsonBody(response, answer.body);
}

void ReferenceServer::Impl::Handle(const httplib::Request& request,
                                   httplib::Response& response) {
  if (token_endpoint && request.path == options.token_endpoint_path) {
    HandleToken(request, response);
    return;
  }

  const CredentialClassification credentials =
      ClassifyCredentials(CredentialsOf(request));
  // HTTP-4: malformed credentials or a token by more than one method.
  if (credentials.kind == CredentialKind::kInvalidRequest) {
    AnswerInvalidRequest(response);
    return;
  }

  // HTTP-2, HTTP-5: no bearer credentials, or only in the query or body.
  if (credentials.kind != CredentialKind::kToken) {
    AnswerMissing(response);
    return;
  }

  const Verification verification = verifier.Verify(credentials.token);
  // HTTP-3: any failed check denies the resource.
  if (!verification.ok()) {
    AnswerInvalidToken(response, verification, credentials.token);
    return;
  }

  // HTTP-6: the verified subject is served.
  AnswerAccepted(response, verification);
}

ReferenceServer::ReferenceServer(ReferenceServerOptions options,
                                 const Verifier& verifier)
    : impl_(std::make_unique<Impl>(std::move(options), verifier)) {
  httplib::Server& server = impl_->server;
  const ReferenceServerOptions& opts = impl_->options;
  // ROB-1: bounded bodies, time and connection reuse.
  server.set_payload_max_length(opts.max_body);
  server.set_read_timeout(opts.io_timeout);
  server.set_write_timeout(opts.io_timeout);
  server.set_keep_alive_timeout(opts.io_timeout.count());
  server.set_keep_alive_max_count(kKeepAliveMaxRequests);
  // Nagle plus delayed ACKs would hold small answers back ~40 ms.
  server.set_tcp_nodelay(true);
  server.new_task_queue = [] {
    return new httplib::ThreadPool(kWorkerThreads);
  };
  // httplib's default adds SO_REUSEPORT, which would let a second server
  // share a busy port; a taken port must fail to bind instead.
  server.set_socket_options([](socket_t sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });

  Impl* impl = impl_.get();
  const auto handler = [impl](const httplib::Request& request,
                              httplib::Response& response) {
    // HTTP-8: an exception message must not reach the client (cpp-httplib
    // would put it in a response header).
    try {
      impl->Handle(request, response);
    } catch (const std::exception&) {
      response = httplib::Response();
      response.status = 500;
      SetJsonBody(response, {{"error", "server_error"}});
    }
  };
  const std::string any_path = ".*";
  server.Get(any_path, handler);  // also answers HEAD
  server.Post(any_path, handler);
  server.Put(any_path, handler);
  server.Delete(any_path, handler);
  server.Patch(any_path, handler);
  server.Options(any_path, handler);

  if (!opts.verbose) return;

  // Never the query or headers: they may hold a token.
  server.set_logger(
      [](const httplib::Request& request, const httplib::Response& response) {
        const std::string line = Printable(request.method) + " " +
                                 Printable(request.path) + " " +
                                 std::to_string(response.status) + " " +
                                 Printable(LoggedReason(response)) + "\n";
        std::fwrite(line.data(), 1, line.size(), stderr);
      });
}

ReferenceServer::~ReferenceServer() { Stop(); }

void ReferenceServer::Start() {
  const ReferenceServerOptions& opts = impl_->options;
  if (impl_->thread.joinable()) {
    throw std::runtime_error("reference server already started");
  }

  if (!IsLoopbackAddress(opts.host)) {
    throw std::runtime_error("refusing to listen on non-loopback host '" +
                             opts.host + "'");
  }

  if (!opts.token_endpoint_path.empty() &&
      (opts.token_endpoint_path.front() != '/' || !opts.make_token_endpoint)) {
    throw std::runtime_error(
        "token endpoint needs a path starting with '/' and a factory");
  }

  httplib::Server& server = impl_->server;
  const int bound = opts.port == 0 ? server.bind_to_any_port(opts.host)
                    : server.bind_to_port(opts.host, opts.port) ? opts.port
                                                                : -1;
  if (bound <= 0) {
    throw std::runtime_error("cannot listen on " + opts.host + ":" +
                             std::to_string(opts.port));
  }

  impl_->port = bound;
  if (!opts.token_endpoint_path.empty()) {
    impl_->token_endpoint_url = opts.token_endpoint_url.empty()
                                    ? "http://" + UrlHost(opts.host) + ":" +
                                          std::to_string(bound) +
                                          opts.token_endpoint_path
                                    : opts.token_endpoint_url;
    try {
      impl_->token_endpoint =
          opts.make_token_endpoint(impl_->token_endpoint_url);
    } catch (const std::exception& error) {
      Stop();
      throw std::runtime_error(std::string("token endpoint: ") + error.what());
    }
  }
  impl_->thread = std::thread([&server] { server.listen_after_bind(); });
  // Stop() only takes effect once the accept loop runs.
  const auto deadline = std::chrono::steady_clock::now() + kStartupWait;
  while (!server.is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      Stop();
      throw std::runtime_error("reference server did not start");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

int ReferenceServer::port() const { return impl_->port; }

std::string ReferenceServer::token_endpoint_url() const {
  return impl_->token_endpoint_url;
}

void ReferenceServer::Stop() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace jwtconf
