// The physical limit: OpenSSL's EVP verify of a token's signature over its
// signing input with a key already decoded, and nothing else (no base64url,
// no JSON, no claims). Everything that can be prepared once is.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

namespace jwtconf::bench {

class RawOpensslVerify {
 public:
  // From a compact token and its key's SubjectPublicKeyInfo PEM. The
  // signature is decoded (and, for ECDSA, converted to DER) here, once.
  // Throws std::runtime_error when the inputs do not fit together.
  RawOpensslVerify(std::string_view alg, std::string_view token,
                   std::string_view public_pem);
  ~RawOpensslVerify();
  RawOpensslVerify(const RawOpensslVerify&) = delete;
  RawOpensslVerify& operator=(const RawOpensslVerify&) = delete;

  // EVP_DigestVerifyInit + EVP_DigestVerify on a reused EVP_MD_CTX: the
  // textbook per-token use.
  bool VerifyInitEachTime();
  // EVP_MD_CTX_copy_ex from a context initialised once with key, digest and
  // padding, then EVP_DigestVerify: the fastest correct use found here
  // (OpenSSL 3 spends several microseconds in EVP_DigestVerifyInit).
  bool VerifyFromTemplate();

 private:
  bool Init(EVP_MD_CTX* ctx) const;

  std::string alg_;
  std::string signing_input_;
  std::string signature_;  // bytes OpenSSL verifies (DER for ECDSA)
  const EVP_MD* digest_ = nullptr;
  bool pss_ = false;
  EVP_PKEY* pkey_ = nullptr;
  EVP_MD_CTX* work_ = nullptr;
  EVP_MD_CTX* template_ = nullptr;
};

}  // namespace jwtconf::bench
