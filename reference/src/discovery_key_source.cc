#include <optional>
#include <utility>

#include "discovery_fetch.h"
#include "jwtconf/reference/key_source.h"

namespace jwtconf {

// What is cached for one issuer; `mutex` serialises its fetches.
struct DiscoveryKeySource::IssuerState {
  std::mutex mutex;

  std::string jwks_uri;
  TimePoint metadata_expiry;  // metadata usable while now < expiry
  std::shared_ptr<const JwkSet> keys;
  TimePoint keys_expiry;
  std::optional<TimePoint> last_unknown_kid_refetch;

  std::optional<KeyLookup> failure;
  TimePoint failure_until;
};

DiscoveryKeySource::DiscoveryKeySource(DiscoveryOptions options,
                                       HttpFetcher& fetcher, const Clock& clock)
    : options_(std::move(options)), fetcher_(fetcher), clock_(clock) {}

DiscoveryKeySource::~DiscoveryKeySource() = default;

DiscoveryKeySource::IssuerState& DiscoveryKeySource::StateFor(
    const std::string& issuer) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::unique_ptr<IssuerState>& state = states_[issuer];
  if (!state) state = std::make_unique<IssuerState>();
  return *state;
}

KeyLookup DiscoveryKeySource::Keys(const std::string& issuer,
                                   bool unknown_kid) {
  IssuerState& state = StateFor(issuer);
  std::lock_guard<std::mutex> lock(state.mutex);
  const TimePoint now = clock_.Now();

  // JWKS-12: the cached set serves until it expires.
  const bool keys_fresh = state.keys && now < state.keys_expiry;

  // JWKS-10: at most one unknown-kid refetch per interval.
  const bool refetch_allowed = !state.last_unknown_kid_refetch ||
                               now - *state.last_unknown_kid_refetch >=
                                   options_.unknown_kid_refetch_interval;
  const bool refetch_for_kid = unknown_kid && refetch_allowed;

  if (keys_fresh && !refetch_for_kid) {
    return {Reason::kOk, {}, state.keys};
  }

  // A failed fetch is not retried within the backoff.
  if (state.failure && now < state.failure_until) return *state.failure;

  if (refetch_for_kid) state.last_unknown_kid_refetch = now;

  auto fail = [&](Reason reason, std::string detail) {
    state.failure = KeyLookup{reason, std::move(detail), nullptr};
    state.failure_until = now + options_.failure_backoff;
    return *state.failure;
  };

  // DISC-2..8: metadata, refreshed when it has expired.
  if (state.jwks_uri.empty() || now >= state.metadata_expiry) {
    MetadataFetch metadata = FetchIssuerMetadata(issuer, fetcher_, options_);
    if (metadata.reason != Reason::kOk) {
      return fail(metadata.reason, std::move(metadata.detail));
    }
    state.jwks_uri = std::move(metadata.jwks_uri);
    state.metadata_expiry = now + metadata.ttl;
  }

  // JWKS-11, JWKS-12: a failed refresh fails closed.
  JwksFetch jwks = FetchJwks(state.jwks_uri, fetcher_, options_);
  if (jwks.reason != Reason::kOk) {
    return fail(jwks.reason, std::move(jwks.detail));
  }

  state.keys = std::move(jwks.keys);
  state.keys_expiry = now + jwks.ttl;
  state.failure.reset();
  return {Reason::kOk, {}, state.keys};
}

}  // namespace jwtconf
