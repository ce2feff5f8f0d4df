// The run's mock issuer listeners. Over https (the default) the main listener
// serves with a certificate of a CA made for the run; vectors about TLS
// failures get extra listeners, started on first use, that serve the same
// issuers (one route table, one request log) with a self-signed certificate,
// a certificate for another host name, an expired certificate, or plain
// http. Beside them listens the SSRF canary: a listener that no
// configuration names, so any request reaching it came from a URL a token
// chose (JWS-6, DISC-1).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jwtconf/mock_idp/issuer_server.h"
#include "jwtconf/mock_idp/test_pki.h"

namespace jwtconf::harness {

// The values of a vector's `issuer.tls` members.
enum class IssuerListener { kDefault, kUntrusted, kWrongHost, kExpired, kHttp };

class IssuerListeners {
 public:
  // `main` gives the main listener's address; `pki` the run's test PKI
  // (one per run: parallel workers share it, so one CA file serves them
  // all), nullopt for plain http listeners and no CA.
  IssuerListeners(mockidp::ServerOptions main,
                  std::optional<mockidp::TestPki> pki);
  // With a test PKI of their own when `tls`. Throws std::runtime_error when
  // it cannot be made.
  IssuerListeners(mockidp::ServerOptions main, bool tls);

  bool tls() const { return pki_.has_value(); }
  // The listener that serves every issuer by default; routes set on it are
  // served by all listeners.
  mockidp::IssuerServer& main() { return main_; }

  // Starts the main listener and the canary and, over https, writes the CA
  // certificate to `ca_file` for verifiers to trust. Throws
  // std::runtime_error.
  void Start(const std::string& ca_file);
  void Stop();

  // scheme://host:port of the listener that a vector's `issuer` mapping
  // names in `tls` for `role` ("issuer" or "jwks"); the main listener when
  // it names none. Starts that listener on first use. Throws
  // std::logic_error for an extra listener of a plain http run.
  std::string Origin(const nlohmann::json& issuer, std::string_view role);

  // scheme://host:port of the canary (`${canary}`): https with the run's
  // trusted certificate in an https run, so a verifier that would follow a
  // URL gets as far as sending its request. It answers 404 to everything.
  std::string CanaryOrigin() const;
  // The canary's plain http origin (`${canary_http}`); the same as
  // CanaryOrigin() in a plain http run.
  std::string CanaryHttpOrigin() const;
  // The canary's requests since the last call.
  std::vector<mockidp::RequestRecord> TakeCanaryRequests();

 private:
  mockidp::IssuerServer& Listener(IssuerListener which);

  std::optional<mockidp::TestPki> pki_;
  mockidp::ServerOptions options_;  // of the main listener
  mockidp::IssuerServer main_;
  std::map<IssuerListener, std::unique_ptr<mockidp::IssuerServer>> extra_;
  mockidp::IssuerServer canary_;
  // Over https only; shares the canary's (empty) routes and its log.
  std::unique_ptr<mockidp::IssuerServer> canary_http_;
};

}  // namespace jwtconf::harness
