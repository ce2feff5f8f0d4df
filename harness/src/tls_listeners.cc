#include "tls_listeners.h"

#include <fstream>
#include <stdexcept>

namespace jwtconf::harness {
namespace {

std::optional<mockidp::TestPki> PkiFor(bool tls) {
  if (!tls) return std::nullopt;
  return mockidp::TestPki::Generate();
}

mockidp::ServerOptions WithIdentity(
    mockidp::ServerOptions options,
    const std::optional<mockidp::TestPki>& pki) {
  if (pki) options.tls = pki->loopback();
  return options;
}

// The vector loader has checked the names.
IssuerListener ListenerNamed(const std::string& name) {
  if (name == "untrusted") return IssuerListener::kUntrusted;
  if (name == "wrong_host") return IssuerListener::kWrongHost;
  if (name == "http") return IssuerListener::kHttp;
  return IssuerListener::kDefault;
}

}  // namespace

IssuerListeners::IssuerListeners(mockidp::ServerOptions main, bool tls)
    : pki_(PkiFor(tls)),
      options_(WithIdentity(std::move(main), pki_)),
      main_(options_) {}

void IssuerListeners::Start(const std::string& ca_file) {
  if (pki_ && ca_file.empty()) {
    throw std::invalid_argument("an https run needs a file for its CA");
  }
  main_.Start();
  if (!pki_) return;

  std::ofstream out(ca_file, std::ios::binary | std::ios::trunc);
  out << pki_->ca_certificate_pem();
  out.close();
  if (!out) throw std::runtime_error("cannot write the CA file " + ca_file);
}

void IssuerListeners::Stop() {
  for (auto& [which, listener] : extra_) listener->Stop();
  main_.Stop();
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

  // Field by field: copying the whole options, optional identity included,
  // trips GCC 12's -Wmaybe-uninitialized at -O2.
  mockidp::ServerOptions options;
  options.host = options_.host;
  options.io_timeout = options_.io_timeout;
  options.max_request_bytes = options_.max_request_bytes;
  options.threads = options_.threads;
  if (which == IssuerListener::kUntrusted)
    options.tls.emplace(pki_->untrusted());
  if (which == IssuerListener::kWrongHost)
    options.tls.emplace(pki_->wrong_host());
  auto started = std::make_unique<mockidp::IssuerServer>(options, main_);
  started->Start();
  listener = std::move(started);
  return *listener;
}

}  // namespace jwtconf::harness
