// The run's mock issuer listeners. Over https (the default) the main listener
// serves with a certificate of a CA made for the run; vectors about TLS
// failures get extra listeners, started on first use, that serve the same
// issuers (one route table, one request log) with a self-signed certificate,
// a certificate for another host name, or plain http.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "jwtconf/mock_idp/issuer_server.h"
#include "jwtconf/mock_idp/test_pki.h"

namespace jwtconf::harness {

// The values of a vector's `issuer.tls` members.
enum class IssuerListener { kDefault, kUntrusted, kWrongHost, kHttp };

class IssuerListeners {
 public:
  // `main` gives the main listener's address; `tls` false: one plain http
  // listener and no CA. Throws std::runtime_error when the test PKI cannot
  // be made.
  IssuerListeners(mockidp::ServerOptions main, bool tls);

  bool tls() const { return pki_.has_value(); }
  // The listener that serves every issuer by default; routes set on it are
  // served by all listeners.
  mockidp::IssuerServer& main() { return main_; }

  // Starts the main listener and, over https, writes the CA certificate to
  // `ca_file` for verifiers to trust. Throws std::runtime_error.
  void Start(const std::string& ca_file);
  void Stop();

  // scheme://host:port of the listener that a vector's `issuer` mapping
  // names in `tls` for `role` ("issuer" or "jwks"); the main listener when
  // it names none. Starts that listener on first use. Throws
  // std::logic_error for an extra listener of a plain http run.
  std::string Origin(const nlohmann::json& issuer, std::string_view role);

 private:
  mockidp::IssuerServer& Listener(IssuerListener which);

  std::optional<mockidp::TestPki> pki_;
  mockidp::ServerOptions options_;  // of the main listener
  mockidp::IssuerServer main_;
  std::map<IssuerListener, std::unique_ptr<mockidp::IssuerServer>> extra_;
};

}  // namespace jwtconf::harness
