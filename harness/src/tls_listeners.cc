#include "tls_listeners.h"

#include <fstream>
#include <stdexcept>

namespace jwtconf::harness {
namespace {

mockidp::ServerOptions WithIdentity(
    mockidp::ServerOptions options,
    const std::optional<mockidp::TestPki>& pki) {
  if (pki) options.tls = pki->loopback();
  return options;
}

// Another loopback listener beside `main`: same host and limits, a port of
// its own, and `identity` (none: plain http). Field by field: copying the
// whole options, optional identity included, trips GCC 12's
// -Wmaybe-uninitialized at -O2.
mockidp::ServerOptions ListenerOptions(const mockidp::ServerOptions& main,
                                       const mockidp::TlsIdentity* identity) {
  mockidp::ServerOptions options;
  options.host = main.host;
  options.io_timeout = main.io_timeout;
  options.max_request_bytes = main.max_request_bytes;
  options.threads = main.threads;
  if (identity) options.tls.emplace(*identity);
  return options;
}

// The vector loader has checked the names.
IssuerListener ListenerNamed(const std::string& name) {
  if (name == "untrusted") return IssuerListener::kUntrusted;
  if (name == "wrong_host") return IssuerListener::kWrongHost;
  if (name == "expired") return IssuerListener::kExpired;
  if (name == "http") return IssuerListener::kHttp;
  return IssuerListener::kDefault;
}

}  // namespace

IssuerListeners::IssuerListeners(mockidp::ServerOptions main, bool tls)
    : IssuerListeners(
          std::move(main),
          tls ? std::optional(mockidp::TestPki::Generate()) : std::nullopt) {}

IssuerListeners::IssuerListeners(mockidp::ServerOptions main,
                                 std::optional<mockidp::TestPki> pki)
    : pki_(std::move(pki)),
      options_(WithIdentity(std::move(main), pki_)),
      main_(options_),
      canary_(ListenerOptions(options_, pki_ ? &pki_->loopback() : nullptr)) {
  if (pki_) {
    canary_http_ = std::make_unique<mockidp::IssuerServer>(
        ListenerOptions(options_, nullptr), canary_);
  }
}

void IssuerListeners::Start(const std::string& ca_file) {
  if (pki_ && ca_file.empty()) {
    throw std::invalid_argument("an https run needs a file for its CA");
  }
  main_.Start();
  canary_.Start();
  if (canary_http_) canary_http_->Start();
  if (!pki_) return;

  std::ofstream out(ca_file, std::ios::binary | std::ios::trunc);
  out << pki_->ca_certificate_pem();
  out.close();
  if (!out) throw std::runtime_error("cannot write the CA file " + ca_file);
}

void IssuerListeners::Stop() {
  for (auto& [which, listener] : extra_) listener->Stop();
  if (canary_http_) canary_http_->Stop();
  canary_.Stop();
  main_.Stop();
}

std::string IssuerListeners::CanaryOrigin() const { return canary_.BaseUrl(); }

std::string IssuerListeners::CanaryHttpOrigin() const {
  return canary_http_ ? canary_http_->BaseUrl() : canary_.BaseUrl();
}

std::vector<mockidp::RequestRecord> IssuerListeners::TakeCanaryRequests() {
  return canary_.TakeRequests();
}

std::string IssuerListeners::Origin(const nlohmann::json& issuer,
                                    std::string_view role) {
  const nlohmann::json tls =
      issuer.is_object() ? issuer.value("tls", nlohmann::json()) : nullptr;
  const std::string member(role);
  if (!tls.is_object() || !tls.contains(member)) return main_.BaseUrl();

  return Listener(ListenerNamed(tls[member].get<std::string>())).BaseUrl();
}

mockidp::IssuerServer& IssuerListeners::Listener(IssuerListener which) {
  if (which == IssuerListener::kDefault) return main_;
  if (!pki_) {
    throw std::logic_error("TLS listeners need an https run (not --no-tls)");
  }

  std::unique_ptr<mockidp::IssuerServer>& listener = extra_[which];
  if (listener) return *listener;

  const mockidp::TlsIdentity* identity = nullptr;
  if (which == IssuerListener::kUntrusted) identity = &pki_->untrusted();
  if (which == IssuerListener::kWrongHost) identity = &pki_->wrong_host();
  if (which == IssuerListener::kExpired) identity = &pki_->expired();
  auto started = std::make_unique<mockidp::IssuerServer>(
      ListenerOptions(options_, identity), main_);
  started->Start();
  listener = std::move(started);
  return *listener;
}

}  // namespace jwtconf::harness
