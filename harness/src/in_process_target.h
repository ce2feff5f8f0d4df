// The reference verifier in this process, fetching from the mock issuer
// over loopback https (or plain http), at a clock the runner controls.
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
class InProcessHttp;
}

namespace jwtconf::harness {

class InProcessTarget final : public Target {
 public:
  // `profile` is the vector's `verifier` mapping (null: the run's profile).
  // `ca_file` is the CA the mock issuer's https certificates chain to; empty
  // for a plain http mock issuer, which is then allowed. Throws
  // std::invalid_argument when the profile is unusable.
  InProcessTarget(const std::string& issuer, const std::string& audience,
                  const nlohmann::json& profile, const Clock& clock,
                  const std::string& ca_file);

  ~InProcessTarget() override;

  // A delivery with an HTTP request goes through the reference server
  // (started on first use); a bare token straight to the verifier.
  Observation Send(const Delivery& delivery) override;
  std::string TokenEndpointUrl() override;

 private:
  InProcessHttp& Http();

  const Clock& clock_;
  VerifierOptions options_;
  std::unique_ptr<HttpFetcher> fetcher_;
  std::unique_ptr<DiscoveryKeySource> keys_;
  std::unique_ptr<Verifier> verifier_;
  std::unique_ptr<InProcessHttp> http_;
};

}  // namespace jwtconf::harness
