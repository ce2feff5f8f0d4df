// Per-key cache of OpenSSL verification contexts. OpenSSL 3 spends several
// microseconds in EVP_DigestVerifyInit (provider fetch, key export); a
// context initialised once per (key, algorithm) and copied for each token
// skips that work. Thread-safe: a template is published once and only read
// (EVP_MD_CTX_copy_ex) afterwards.
#pragma once

#include <openssl/evp.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <functional>

namespace jwtconf {

class VerifyContextCache {
 public:
  // One slot per algorithm of the profile.
  static constexpr std::size_t kSlots = 10;

  VerifyContextCache() = default;
  ~VerifyContextCache();
  VerifyContextCache(const VerifyContextCache&) = delete;
  VerifyContextCache& operator=(const VerifyContextCache&) = delete;

  // The template of `slot`, made by `make` on first use; nullptr when
  // `make` fails (and it is then tried again next time).
  const EVP_MD_CTX* Get(std::size_t slot,
                        const std::function<EVP_MD_CTX*()>& make) const;

 private:
  mutable std::array<std::atomic<EVP_MD_CTX*>, kSlots> templates_{};
};

}  // namespace jwtconf
