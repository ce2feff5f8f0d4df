// Where the verifier gets keys: discovery of a trusted issuer, or a fixed set.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/http_fetcher.h"
#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/reason.h"

namespace jwtconf {

struct KeyLookup {
  Reason reason = Reason::kOk;
  std::string detail;
  std::shared_ptr<const JwkSet> keys;  // set when reason == kOk
};

class KeySource {
 public:
  virtual ~KeySource() = default;
  // Keys of `issuer`, which the caller has already checked is trusted.
  // `unknown_kid` asks for a refetch because a token named a kid the cached
  // set lacks; the source may decline (JWKS-10 rate limit) and return the
  // cached set.
  virtual KeyLookup Keys(const std::string& issuer, bool unknown_kid) = 0;
};

// One JWK Set for every issuer (the `verify --jwks FILE` case).
class StaticKeySource final : public KeySource {
 public:
  explicit StaticKeySource(std::shared_ptr<const JwkSet> keys)
      : keys_(std::move(keys)) {}
  KeyLookup Keys(const std::string&, bool) override {
    return {Reason::kOk, {}, keys_};
  }

 private:
  std::shared_ptr<const JwkSet> keys_;
};

struct DiscoveryOptions {
  bool allow_http = false;  // DISC-4/DISC-6 relaxed for tests only
  // JWKS-12: Cache-Control max-age is clamped into [min, max].
  std::chrono::seconds default_ttl{300};
  std::chrono::seconds min_ttl{30};
  std::chrono::seconds max_ttl{86400};
  // JWKS-10: at most one unknown-kid refetch per interval.
  std::chrono::seconds unknown_kid_refetch_interval{30};
  // A failed fetch is not retried before this much time has passed.
  std::chrono::seconds failure_backoff{5};
  // DISC-8: try RFC 8414 metadata when OIDC discovery answers 404.
  bool try_oauth_metadata = true;
};

// DISC-1..8, JWKS-10..12: discovery and JWK Set cache for trusted issuers.
// Thread-safe; fetches for one issuer are serialised.
class DiscoveryKeySource final : public KeySource {
 public:
  DiscoveryKeySource(DiscoveryOptions options, HttpFetcher& fetcher,
                     const Clock& clock);
  ~DiscoveryKeySource() override;
  KeyLookup Keys(const std::string& issuer, bool unknown_kid) override;

 private:
  struct IssuerState;
  IssuerState& StateFor(const std::string& issuer);

  DiscoveryOptions options_;
  HttpFetcher& fetcher_;
  const Clock& clock_;
  std::mutex mutex_;  // guards states_ (the map, not the entries)
  std::map<std::string, std::unique_ptr<IssuerState>> states_;
};

}  // namespace jwtconf
