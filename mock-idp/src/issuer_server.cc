#include "jwtconf/mock_idp/issuer_server.h"

#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/pem.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "loopback_host.h"
#include "openssl_handles.h"

namespace jwtconf::mockidp {
namespace {

// Oldest records are dropped beyond this, so a long-running issuer cannot
// grow without bound: about 1 KiB each with headers, ~10 MiB at most. No
// vector makes more than a few hundred requests.
constexpr std::size_t kMaxRecords = 10000;

// How long Start() waits for the listener thread before giving up.
constexpr auto kStartTimeout = std::chrono::seconds(5);

// Keep-alive idle connections are only checked for shutdown between idle
// periods, so a short one keeps Stop() prompt.
constexpr time_t kKeepAliveSeconds = 1;

struct SplitPath {
  std::string issuer;
  std::string rest;  // "/" when the path names only the issuer
};

SplitPath SplitIssuer(const std::string& path) {
  const std::size_t start = path.starts_with('/') ? 1 : 0;
  const std::size_t slash = path.find('/', start);
  if (slash == std::string::npos) return {path.substr(start), "/"};
  return {path.substr(start, slash - start), path.substr(slash)};
}

CannedResponse JsonError(int status, const std::string& error,
                         const std::string& detail) {
  CannedResponse response;
  response.status = status;
  response.body =
      nlohmann::json{{"error", error}, {"detail", detail}}.dump() + "\n";
  return response;
}

// httplib 0.11 has no way to drop a connection from a handler. A content
// provider that fails makes it close the socket after the status line and
// headers, so the client gets no usable answer.
void CloseWithoutAnswer(const CannedResponse& response,
                        httplib::Response& res) {
  res.status = response.status;
  res.set_content_provider(
      std::max<std::size_t>(response.body.size(), 1), response.content_type,
      [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
}

void SendHalfBody(const CannedResponse& response, httplib::Response& res) {
  res.status = response.status;
  for (const auto& [name, value] : response.headers) {
    res.set_header(name, value);
  }
  const std::string body = response.body;
  res.set_content_provider(
      body.size(), response.content_type,
      [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
        const std::size_t half = body.size() / 2;
        if (offset < half) sink.write(body.data() + offset, half - offset);
        return false;
      });
}

int PortOf(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  }
  return -1;
}

// The server side of `req`'s connection. httplib 0.11 hands handlers no
// socket: TLS connections know theirs; for plain http it is the descriptor
// whose local and peer ports are the request's (the client side of a
// loopback connection in this process has them the other way round).
int ConnectionSocket(const httplib::Request& req) {
  if (req.ssl) return SSL_get_fd(req.ssl);
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator("/proc/self/fd", error)) {
    const int fd = std::atoi(entry.path().filename().c_str());
    sockaddr_storage local{};
    sockaddr_storage peer{};
    socklen_t local_size = sizeof(local);
    socklen_t peer_size = sizeof(peer);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) !=
            0 ||
        getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) {
      continue;
    }
    if (PortOf(local) == req.local_port && PortOf(peer) == req.remote_port) {
      return fd;
    }
  }
  return -1;
}

// Fault::kReset. With SO_LINGER 0, closing the socket sends RST. The
// descriptor number is taken over by /dev/null in the same step (dup2), so
// httplib's later writes and close land there and never on a reused number.
void ResetConnection(const httplib::Request& req) {
  const int fd = ConnectionSocket(req);
  if (fd < 0) return;
  const linger hard_close{1, 0};
  const int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) return;
  if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard_close, sizeof(hard_close)) ==
      0) {
    dup2(null_fd, fd);
  }
  close(null_fd);
}

using X509Ptr = std::unique_ptr<X509, internal::Deleter<X509_free>>;

// The plain or TLS server; SSLServer takes its own references to the
// certificate and key.
std::unique_ptr<httplib::Server> MakeHttplibServer(
    const std::optional<TlsIdentity>& tls) {
  if (!tls) return std::make_unique<httplib::Server>();

  internal::BioPtr certificate_bio(
      BIO_new_mem_buf(tls->certificate_pem.data(),
                      static_cast<int>(tls->certificate_pem.size())));
  internal::BioPtr key_bio(
      BIO_new_mem_buf(tls->private_key_pem.data(),
                      static_cast<int>(tls->private_key_pem.size())));
  if (!certificate_bio || !key_bio) {
    internal::ThrowOpenSslError("cannot read the TLS identity");
  }
  X509Ptr certificate(
      PEM_read_bio_X509(certificate_bio.get(), nullptr, nullptr, nullptr));
  internal::PkeyPtr key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (!certificate || !key) {
    internal::ThrowOpenSslError("TLS identity is no PEM certificate and key");
  }

  auto server =
      std::make_unique<httplib::SSLServer>(certificate.get(), key.get());
  if (!server->is_valid()) {
    internal::ThrowOpenSslError("TLS certificate and key do not fit");
  }
  return server;
}

}  // namespace

// What listeners serving the same issuers share.
struct IssuerServer::RouteTable {
  mutable std::mutex routes_mu;
  std::map<std::string, std::map<std::string, RouteHandler>, std::less<>>
      routes;
  // Responses served so far by each path that serves a sequence.
  std::map<std::pair<std::string, std::string>,
           std::shared_ptr<std::atomic<std::size_t>>>
      sequence_turns;

  mutable std::mutex requests_mu;
  std::deque<RequestRecord> requests;
};

struct IssuerServer::Impl {
  Impl(ServerOptions opts, std::shared_ptr<RouteTable> shared_table)
      : options(std::move(opts)), table(std::move(shared_table)) {}

  void Handle(const httplib::Request& req, httplib::Response& res);
  void Record(const std::string& issuer, const std::string& path,
              const httplib::Request& req);
  RouteHandler FindHandler(const std::string& issuer, const std::string& path,
                           bool& issuer_known) const;
  void Answer(const CannedResponse& response, const httplib::Request& req,
              httplib::Response& res);
  // Waits for `duration` or until Stop(), whichever comes first.
  void HoldFor(std::chrono::milliseconds duration);
  std::string BaseUrl() const;

  const ServerOptions options;
  const std::shared_ptr<RouteTable> table;
  std::unique_ptr<httplib::Server> server;  // made by Start()
  std::thread listener;
  std::atomic<bool> listener_done{false};
  int port = 0;
  bool started = false;
  std::mutex lifecycle_mu;

  std::mutex hold_mu;
  std::condition_variable hold_cv;
  bool stopping = false;
};

// TODO(mock-idp): requests that httplib refuses before routing (413 for an
// oversized body, 400 for a malformed request line) are not recorded; the
// 0.11 logger hook sees them, but only after the answer is written.
void IssuerServer::Impl::Handle(const httplib::Request& req,
                                httplib::Response& res) {
  const SplitPath split = SplitIssuer(req.path);
  bool issuer_known = false;
  const RouteHandler handler =
      FindHandler(split.issuer, split.rest, issuer_known);
  Record(issuer_known ? split.issuer : "", issuer_known ? split.rest : req.path,
         req);

  if (!handler) {
    Answer(JsonError(404, "not_found", req.path), req, res);
    return;
  }

  RouteRequest route_request{req.method, split.rest, {}, req.body};
  for (const auto& [name, value] : req.params) {
    route_request.query.emplace(name, value);
  }
  try {
    Answer(handler(route_request), req, res);
  } catch (const std::exception& e) {
    Answer(JsonError(500, "handler_failed", e.what()), req, res);
  }
}

void IssuerServer::Impl::Record(const std::string& issuer,
                                const std::string& path,
                                const httplib::Request& req) {
  RequestRecord record{BaseUrl(),
                       issuer,
                       req.method,
                       path,
                       req.target,
                       std::chrono::system_clock::now(),
                       {},
                       req.version,
                       internal::UrlHost(req.remote_addr) + ":" +
                           std::to_string(req.remote_port)};
  for (const auto& [name, value] : req.headers) {
    record.headers.emplace_back(name, value);
  }

  std::lock_guard lock(table->requests_mu);
  table->requests.push_back(std::move(record));
  if (table->requests.size() > kMaxRecords) table->requests.pop_front();
}

RouteHandler IssuerServer::Impl::FindHandler(const std::string& issuer,
                                             const std::string& path,
                                             bool& issuer_known) const {
  std::lock_guard lock(table->routes_mu);
  const auto by_issuer = table->routes.find(issuer);
  issuer_known = by_issuer != table->routes.end();
  if (!issuer_known) return nullptr;

  const auto by_path = by_issuer->second.find(path);
  if (by_path == by_issuer->second.end()) return nullptr;
  return by_path->second;
}

void IssuerServer::Impl::Answer(const CannedResponse& response,
                                const httplib::Request& req,
                                httplib::Response& res) {
  switch (response.fault) {
    case Fault::kNone:
      break;
    case Fault::kDelay:
      HoldFor(response.delay);
      break;
    case Fault::kHang:
      HoldFor(response.delay);
      CloseWithoutAnswer(response, res);
      return;
    case Fault::kCloseConnection:
      CloseWithoutAnswer(response, res);
      return;
    case Fault::kTruncateBody:
      SendHalfBody(response, res);
      return;
    case Fault::kReset:
      ResetConnection(req);
      CloseWithoutAnswer(response, res);
      return;
  }

  res.status = response.status;
  for (const auto& [name, value] : response.headers) {
    res.set_header(name, value);
  }
  res.set_content(response.body, response.content_type);
}

void IssuerServer::Impl::HoldFor(std::chrono::milliseconds duration) {
  std::unique_lock lock(hold_mu);
  hold_cv.wait_for(lock, duration, [this] { return stopping; });
}

std::string IssuerServer::Impl::BaseUrl() const {
  return (options.tls ? "https://" : "http://") +
         internal::UrlHost(options.host) + ":" + std::to_string(port);
}

IssuerServer::IssuerServer(ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options),
                                   std::make_shared<RouteTable>())) {}

IssuerServer::IssuerServer(ServerOptions options, IssuerServer& serve_same_as)
    : impl_(std::make_unique<Impl>(std::move(options),
                                   serve_same_as.impl_->table)) {}

IssuerServer::~IssuerServer() { Stop(); }

void IssuerServer::Start() {
  std::lock_guard lock(impl_->lifecycle_mu);
  if (impl_->started) throw std::runtime_error("server already started");
  const ServerOptions& options = impl_->options;
  if (!internal::IsLoopbackHost(options.host)) {
    throw std::runtime_error("refusing non-loopback host " + options.host);
  }

  impl_->server = MakeHttplibServer(options.tls);
  httplib::Server& server = *impl_->server;
  const std::size_t threads = std::max<std::size_t>(options.threads, 1);
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(threads);
  };
  server.set_payload_max_length(options.max_request_bytes);
  server.set_read_timeout(options.io_timeout);
  server.set_write_timeout(options.io_timeout);
  server.set_keep_alive_timeout(kKeepAliveSeconds);
  // Nagle plus delayed ACKs would hold small answers back ~40 ms.
  server.set_tcp_nodelay(true);
  // httplib's default sets SO_REUSEPORT, which lets a second server share a
  // busy port and steal half its connections; a taken port must fail.
  server.set_socket_options([](socket_t sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  const auto handle = [impl = impl_.get()](const httplib::Request& req,
                                           httplib::Response& res) {
    impl->Handle(req, res);
  };
  // Routing is by issuer and path, not by method: every method lands here.
  constexpr const char* kAnyPath = ".*";
  server.Get(kAnyPath, handle);
  server.Post(kAnyPath, handle);
  server.Put(kAnyPath, handle);
  server.Patch(kAnyPath, handle);
  server.Delete(kAnyPath, handle);
  server.Options(kAnyPath, handle);

  const std::string bind_host = internal::BindAddress(options.host);
  if (options.port == 0) {
    impl_->port = server.bind_to_any_port(bind_host);
  } else if (server.bind_to_port(bind_host, options.port)) {
    impl_->port = options.port;
  } else {
    impl_->port = -1;
  }
  if (impl_->port < 0) {
    throw std::runtime_error("cannot bind " + options.host + ":" +
                             std::to_string(options.port));
  }

  impl_->started = true;
  impl_->listener = std::thread([impl = impl_.get()] {
    impl->server->listen_after_bind();
    impl->listener_done = true;
  });

  // Stop() only reaches a listener that already runs, so wait for it.
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (!server.is_running()) {
    if (impl_->listener_done || std::chrono::steady_clock::now() > deadline) {
      server.stop();
      impl_->listener.join();
      throw std::runtime_error("server did not start listening");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void IssuerServer::Stop() {
  std::lock_guard lock(impl_->lifecycle_mu);
  {
    std::lock_guard hold_lock(impl_->hold_mu);
    impl_->stopping = true;
  }
  impl_->hold_cv.notify_all();

  if (!impl_->listener.joinable()) return;
  impl_->server->stop();
  impl_->listener.join();
}

int IssuerServer::port() const { return impl_->port; }

std::string IssuerServer::BaseUrl() const { return impl_->BaseUrl(); }

std::string IssuerServer::IssuerUrl(std::string_view name) const {
  return BaseUrl() + "/" + std::string(name);
}

void IssuerServer::SetRoute(const std::string& issuer, const std::string& path,
                            CannedResponse response) {
  SetHandler(issuer, path,
             [response = std::move(response)](const RouteRequest&) {
               return response;
             });
}

void IssuerServer::SetHandler(const std::string& issuer,
                              const std::string& path, RouteHandler handler) {
  std::lock_guard lock(impl_->table->routes_mu);
  impl_->table->sequence_turns.erase({issuer, path});
  impl_->table->routes[issuer][path] = std::move(handler);
}

void IssuerServer::SetSequence(const std::string& issuer,
                               const std::string& path,
                               std::vector<CannedResponse> responses) {
  if (responses.empty()) {
    throw std::invalid_argument("a response sequence needs a response");
  }
  std::lock_guard lock(impl_->table->routes_mu);
  auto& served = impl_->table->sequence_turns[{issuer, path}];
  if (!served) served = std::make_shared<std::atomic<std::size_t>>(0);
  impl_->table->routes[issuer][path] = [responses = std::move(responses),
                                        served](const RouteRequest&) {
    const std::size_t turn = served->fetch_add(1);
    return responses[std::min(turn, responses.size() - 1)];
  };
}

void IssuerServer::ClearIssuer(const std::string& issuer) {
  std::lock_guard lock(impl_->table->routes_mu);
  impl_->table->routes.erase(issuer);
  std::erase_if(impl_->table->sequence_turns,
                [&](const auto& turns) { return turns.first.first == issuer; });
}

std::vector<RequestRecord> IssuerServer::Requests() const {
  std::lock_guard lock(impl_->table->requests_mu);
  return {impl_->table->requests.begin(), impl_->table->requests.end()};
}

std::vector<RequestRecord> IssuerServer::RequestsFor(
    std::string_view issuer) const {
  std::lock_guard lock(impl_->table->requests_mu);
  std::vector<RequestRecord> out;
  for (const RequestRecord& record : impl_->table->requests) {
    if (record.issuer == issuer) out.push_back(record);
  }
  return out;
}

void IssuerServer::ClearRequests() {
  std::lock_guard lock(impl_->table->requests_mu);
  impl_->table->requests.clear();
}

std::vector<RequestRecord> IssuerServer::TakeRequests() {
  std::lock_guard lock(impl_->table->requests_mu);
  std::vector<RequestRecord> taken(
      std::make_move_iterator(impl_->table->requests.begin()),
      std::make_move_iterator(impl_->table->requests.end()));
  impl_->table->requests.clear();
  return taken;
}

std::string RequestLine(const RequestRecord& record) {
  // The client's port changes every run; reports that are compared across
  // runs quote the address alone.
  std::string_view address = record.remote;
  if (const auto colon = address.rfind(':');
      colon != std::string_view::npos &&
      address.find_first_not_of("0123456789", colon + 1) ==
          std::string_view::npos) {
    address = address.substr(0, colon);
  }
  return record.method + " " + record.target + " " + record.version + " from " +
         std::string(address);
}

}  // namespace jwtconf::mockidp
