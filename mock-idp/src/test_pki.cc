#include "jwtconf/mock_idp/test_pki.h"

#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

#include "openssl_handles.h"

namespace jwtconf::mockidp {
namespace {

using internal::BioPtr;
using internal::BnPtr;
using internal::Deleter;
using internal::PkeyPtr;
using internal::ThrowOpenSslError;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using X509ExtensionPtr =
    std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

// Certificates are valid from a little before now, so a client whose clock
// is slightly behind accepts them.
constexpr long kBackdateSeconds = 300;
constexpr char kLoopbackNames[] = "IP:127.0.0.1,IP:::1,DNS:localhost";

struct CertificateSpec {
  std::string common_name;
  std::string subject_alt_names;  // OpenSSL config syntax; empty for none
  bool is_ca = false;
};

// notBefore and notAfter as seconds from now.
struct Validity {
  long not_before = 0;
  long not_after = 0;
};

// Valid from a little before now for `validity`.
Validity FromNow(std::chrono::seconds validity) {
  return {-kBackdateSeconds, static_cast<long>(validity.count())};
}

// Ended a day before now, after a day of validity: an expired leaf.
constexpr Validity kExpired{-2 * 86400, -86400};

// Who signs a certificate; a null certificate means self-signed.
struct Signer {
  X509* certificate = nullptr;
  EVP_PKEY* key = nullptr;
};

PkeyPtr GenerateP256Key() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) ThrowOpenSslError("test PKI: P-256 key generation failed");
  return key;
}

void SetRandomSerial(X509* certificate) {
  BnPtr serial(BN_new());
  if (!serial ||
      BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) ==
          nullptr) {
    ThrowOpenSslError("test PKI: cannot set a serial number");
  }
}

void SetSubject(X509* certificate, const std::string& common_name) {
  X509_NAME* name = X509_get_subject_name(certificate);
  const auto* organisation =
      reinterpret_cast<const unsigned char*>("jwtconf test PKI");
  const auto* common =
      reinterpret_cast<const unsigned char*>(common_name.c_str());
  if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, organisation, -1, -1,
                                 0) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, common, -1, -1, 0) !=
          1) {
    ThrowOpenSslError("test PKI: cannot set the subject");
  }
}

void AddExtension(X509* certificate, X509V3_CTX& context, int nid,
                  const std::string& value) {
  X509ExtensionPtr extension(
      X509V3_EXT_nconf_nid(nullptr, &context, nid, value.c_str()));
  if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1) {
    ThrowOpenSslError("test PKI: cannot add extension " + value);
  }
}

X509Ptr MakeCertificate(const CertificateSpec& spec, EVP_PKEY* key,
                        Signer signer, Validity validity) {
  X509Ptr certificate(X509_new());
  if (!certificate ||
      X509_set_version(certificate.get(), X509_VERSION_3) != 1) {
    ThrowOpenSslError("test PKI: cannot create a certificate");
  }
  SetRandomSerial(certificate.get());

  if (X509_gmtime_adj(X509_getm_notBefore(certificate.get()),
                      validity.not_before) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(certificate.get()),
                      validity.not_after) == nullptr ||
      X509_set_pubkey(certificate.get(), key) != 1) {
    ThrowOpenSslError("test PKI: cannot set validity or key");
  }

  SetSubject(certificate.get(), spec.common_name);
  const bool self_signed = signer.certificate == nullptr;
  X509* issuer = self_signed ? certificate.get() : signer.certificate;
  if (X509_set_issuer_name(certificate.get(), X509_get_subject_name(issuer)) !=
      1) {
    ThrowOpenSslError("test PKI: cannot set the issuer");
  }

  // RFC 5280 §4.2: a CA that signs, a leaf that serves TLS for its names.
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate.get(), nullptr, nullptr, 0);
  AddExtension(certificate.get(), context, NID_basic_constraints,
               spec.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  AddExtension(certificate.get(), context, NID_key_usage,
               spec.is_ca ? "critical,keyCertSign,cRLSign"
                          : "critical,digitalSignature");
  AddExtension(certificate.get(), context, NID_subject_key_identifier, "hash");
  if (!self_signed) {
    AddExtension(certificate.get(), context, NID_authority_key_identifier,
                 "keyid:always");
  }
  if (!spec.is_ca) {
    AddExtension(certificate.get(), context, NID_ext_key_usage, "serverAuth");
  }
  if (!spec.subject_alt_names.empty()) {
    AddExtension(certificate.get(), context, NID_subject_alt_name,
                 spec.subject_alt_names);
  }

  EVP_PKEY* signing_key = self_signed ? key : signer.key;
  if (X509_sign(certificate.get(), signing_key, EVP_sha256()) <= 0) {
    ThrowOpenSslError("test PKI: cannot sign a certificate");
  }
  return certificate;
}

std::string MemoryBioText(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string CertificatePem(X509* certificate) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1) {
    ThrowOpenSslError("test PKI: cannot write a certificate");
  }
  return MemoryBioText(bio.get());
}

std::string PrivateKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0,
                                       nullptr, nullptr) != 1) {
    ThrowOpenSslError("test PKI: cannot write a private key");
  }
  return MemoryBioText(bio.get());
}

TlsIdentity MakeIdentity(const CertificateSpec& spec, Signer signer,
                         Validity validity) {
  PkeyPtr key = GenerateP256Key();
  X509Ptr certificate = MakeCertificate(spec, key.get(), signer, validity);
  return {CertificatePem(certificate.get()), PrivateKeyPem(key.get())};
}

}  // namespace

TestPki TestPki::Generate(std::chrono::seconds validity) {
  const CertificateSpec ca_spec{"jwtconf test CA", "", true};
  const CertificateSpec loopback_spec{"localhost", kLoopbackNames, false};
  const CertificateSpec wrong_host_spec{
      kWrongHostName, std::string("DNS:") + kWrongHostName, false};

  TestPki pki;
  PkeyPtr ca_key = GenerateP256Key();
  X509Ptr ca =
      MakeCertificate(ca_spec, ca_key.get(), Signer{}, FromNow(validity));
  pki.ca_certificate_pem_ = CertificatePem(ca.get());

  const Signer by_ca{ca.get(), ca_key.get()};
  pki.loopback_ = MakeIdentity(loopback_spec, by_ca, FromNow(validity));
  pki.wrong_host_ = MakeIdentity(wrong_host_spec, by_ca, FromNow(validity));
  pki.untrusted_ = MakeIdentity(loopback_spec, Signer{}, FromNow(validity));
  pki.expired_ = MakeIdentity(loopback_spec, by_ca, kExpired);
  return pki;
}

}  // namespace jwtconf::mockidp
