// The reference verifier in this process, fetching from the mock issuer
// over loopback HTTP, at a clock the runner controls.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/http_fetcher.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/verifier.h"
#include "target.h"

namespace jwtconf::harness {

class InProcessTarget final : public Target {
 public:
  // `profile` is the vector's `verifier` mapping (null: the run's profile).
  // Throws std::invalid_argument when the profile is unusable.
  InProcessTarget(const std::string& issuer, const std::string& audience,
                  const nlohmann::json& profile, const Clock& clock);

  Observation Send(const std::string& token) override;

 private:
  std::unique_ptr<HttpFetcher> fetcher_;
  std::unique_ptr<DiscoveryKeySource> keys_;
  std::unique_ptr<Verifier> verifier_;
};

}  // namespace jwtconf::harness
