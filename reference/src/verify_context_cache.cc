#include "verify_context_cache.h"

namespace jwtconf {

VerifyContextCache::~VerifyContextCache() {
  for (std::atomic<EVP_MD_CTX*>& slot : templates_) {
    EVP_MD_CTX_free(slot.load());
  }
}

const EVP_MD_CTX* VerifyContextCache::Get(
    std::size_t slot, const std::function<EVP_MD_CTX*()>& make) const {
  std::atomic<EVP_MD_CTX*>& entry = templates_.at(slot);
  EVP_MD_CTX* cached = entry.load(std::memory_order_acquire);
  if (cached != nullptr) return cached;

  EVP_MD_CTX* made = make();
  if (made == nullptr) return nullptr;

  // Two threads may race to fill the slot: the first one wins.
  if (!entry.compare_exchange_strong(cached, made, std::memory_order_acq_rel)) {
    EVP_MD_CTX_free(made);
    return cached;
  }
  return made;
}

}  // namespace jwtconf
