#include "jwtconf/mock_idp/test_pki.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

#include "openssl_handles.h"

namespace jwtconf::mockidp {
namespace {

using internal::Deleter;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtxPtr =
    std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;

X509Ptr ParseCertificate(const std::string& pem) {
  internal::BioPtr bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

internal::PkeyPtr ParseKey(const std::string& pem) {
  internal::BioPtr bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return internal::PkeyPtr(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

// The X509_V_* result of verifying `leaf` against the PKI's CA only.
int VerifyAgainstCa(const TestPki& pki, const TlsIdentity& leaf) {
  StorePtr store(X509_STORE_new());
  X509Ptr ca = ParseCertificate(pki.ca_certificate_pem());
  X509Ptr certificate = ParseCertificate(leaf.certificate_pem);
  EXPECT_EQ(X509_STORE_add_cert(store.get(), ca.get()), 1);
  StoreCtxPtr context(X509_STORE_CTX_new());
  X509_STORE_CTX_init(context.get(), store.get(), certificate.get(), nullptr);
  X509_STORE_CTX_set_purpose(context.get(), X509_PURPOSE_SSL_SERVER);
  X509_verify_cert(context.get());
  return X509_STORE_CTX_get_error(context.get());
}

bool CoversIp(const TlsIdentity& identity, const char* ip) {
  X509Ptr certificate = ParseCertificate(identity.certificate_pem);
  return X509_check_ip_asc(certificate.get(), ip, 0) == 1;
}

bool CoversHost(const TlsIdentity& identity, const char* host) {
  X509Ptr certificate = ParseCertificate(identity.certificate_pem);
  return X509_check_host(certificate.get(), host, 0, 0, nullptr) == 1;
}

class TestPkiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = new TestPki(TestPki::Generate()); }
  static void TearDownTestSuite() { delete pki_; }

  static TestPki* pki_;
};

TestPki* TestPkiTest::pki_ = nullptr;

TEST_F(TestPkiTest, LoopbackCertificateChainsToCaForLoopbackNames) {
  EXPECT_EQ(VerifyAgainstCa(*pki_, pki_->loopback()), X509_V_OK);
  EXPECT_TRUE(CoversIp(pki_->loopback(), "127.0.0.1"));
  EXPECT_TRUE(CoversIp(pki_->loopback(), "::1"));
  EXPECT_TRUE(CoversHost(pki_->loopback(), "localhost"));
  EXPECT_FALSE(CoversIp(pki_->loopback(), "127.0.0.2"));
  EXPECT_FALSE(CoversHost(pki_->loopback(), kWrongHostName));
}

TEST_F(TestPkiTest, WrongHostCertificateChainsToCaForOtherNameOnly) {
  EXPECT_EQ(VerifyAgainstCa(*pki_, pki_->wrong_host()), X509_V_OK);
  EXPECT_TRUE(CoversHost(pki_->wrong_host(), kWrongHostName));
  EXPECT_FALSE(CoversIp(pki_->wrong_host(), "127.0.0.1"));
  EXPECT_FALSE(CoversIp(pki_->wrong_host(), "::1"));
  EXPECT_FALSE(CoversHost(pki_->wrong_host(), "localhost"));
}

TEST_F(TestPkiTest, UntrustedCertificateIsSelfSignedForLoopbackNames) {
  EXPECT_EQ(VerifyAgainstCa(*pki_, pki_->untrusted()),
            X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
  EXPECT_TRUE(CoversIp(pki_->untrusted(), "127.0.0.1"));
  EXPECT_TRUE(CoversHost(pki_->untrusted(), "localhost"));
}

TEST_F(TestPkiTest, ExpiredCertificateChainsToCaButHasExpired) {
  EXPECT_EQ(VerifyAgainstCa(*pki_, pki_->expired()),
            X509_V_ERR_CERT_HAS_EXPIRED);
  EXPECT_TRUE(CoversIp(pki_->expired(), "127.0.0.1"));
  EXPECT_TRUE(CoversHost(pki_->expired(), "localhost"));
  X509Ptr leaf = ParseCertificate(pki_->expired().certificate_pem);
  time_t now = time(nullptr);
  EXPECT_LT(X509_cmp_time(X509_get0_notAfter(leaf.get()), &now), 0);
}

TEST_F(TestPkiTest, CaIsACaAndLeavesAreNot) {
  X509Ptr ca = ParseCertificate(pki_->ca_certificate_pem());
  X509Ptr leaf = ParseCertificate(pki_->loopback().certificate_pem);
  EXPECT_EQ(X509_check_ca(ca.get()), 1);
  EXPECT_EQ(X509_check_ca(leaf.get()), 0);
}

TEST_F(TestPkiTest, PrivateKeysMatchTheirCertificates) {
  for (const TlsIdentity* identity : {&pki_->loopback(), &pki_->wrong_host(),
                                      &pki_->untrusted(), &pki_->expired()}) {
    X509Ptr certificate = ParseCertificate(identity->certificate_pem);
    internal::PkeyPtr key = ParseKey(identity->private_key_pem);
    ASSERT_TRUE(certificate && key);
    EXPECT_EQ(X509_check_private_key(certificate.get(), key.get()), 1);
  }
}

TEST_F(TestPkiTest, ValidityCoversNowAndEndsAsAsked) {
  const TestPki short_lived = TestPki::Generate(std::chrono::hours(1));
  X509Ptr leaf = ParseCertificate(short_lived.loopback().certificate_pem);
  time_t now = time(nullptr);
  time_t in_two_hours = now + 7200;

  EXPECT_LT(X509_cmp_time(X509_get0_notBefore(leaf.get()), &now), 0);
  EXPECT_GT(X509_cmp_time(X509_get0_notAfter(leaf.get()), &now), 0);
  EXPECT_LT(X509_cmp_time(X509_get0_notAfter(leaf.get()), &in_two_hours), 0);
}

TEST_F(TestPkiTest, EachRunGetsItsOwnCa) {
  const TestPki other = TestPki::Generate();

  EXPECT_NE(other.ca_certificate_pem(), pki_->ca_certificate_pem());
  EXPECT_EQ(VerifyAgainstCa(other, pki_->loopback()),
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}

}  // namespace
}  // namespace jwtconf::mockidp
