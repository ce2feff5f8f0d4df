// A throwaway PKI for one test run: a CA and the certificates the mock issuer
// serves https with, the right one and deliberately wrong ones. Nothing here
// is fit for anything but loopback tests.
#pragma once

#include <chrono>
#include <string>

namespace jwtconf::mockidp {

// A certificate and its private key, both PEM.
struct TlsIdentity {
  std::string certificate_pem;
  std::string private_key_pem;
};

// The only name the wrong-host certificate is for; it is never resolved.
inline constexpr char kWrongHostName[] = "wrong-host.jwtconf.test";

class TestPki {
 public:
  // Fresh EC P-256 keys and certificates, valid from five minutes ago (clock
  // skew) for `validity`. Throws std::runtime_error when OpenSSL fails.
  static TestPki Generate(
      std::chrono::seconds validity = std::chrono::hours(24));

  // The CA to trust, e.g. a verifier's --ca-file.
  const std::string& ca_certificate_pem() const { return ca_certificate_pem_; }
  // Signed by the CA for IP 127.0.0.1, IP ::1 and DNS localhost.
  const TlsIdentity& loopback() const { return loopback_; }
  // Signed by the CA for DNS kWrongHostName only: a trusted chain for a name
  // the client did not ask for.
  const TlsIdentity& wrong_host() const { return wrong_host_; }
  // Self-signed for the loopback names: the right names, an unknown issuer.
  const TlsIdentity& untrusted() const { return untrusted_; }
  // Signed by the CA for the loopback names, but its validity ended a day
  // ago (it began two days ago): the right chain and names, out of date.
  const TlsIdentity& expired() const { return expired_; }

 private:
  TestPki() = default;

  std::string ca_certificate_pem_;
  TlsIdentity loopback_;
  TlsIdentity wrong_host_;
  TlsIdentity untrusted_;
  TlsIdentity expired_;
};

}  // namespace jwtconf::mockidp
