#include "in_process_target.h"

#include "in_process_http.h"
#include "jwtconf/reference/reason.h"

namespace jwtconf::harness {
namespace {

// The mock issuer answers at once; a short timeout keeps fault vectors fast.
constexpr std::chrono::milliseconds kFetchTimeout{1000};

VerifierOptions OptionsFor(const std::string& issuer,
                           const std::string& audience,
                           const nlohmann::json& profile) {
  VerifierOptions options;
  options.issuers = {issuer};
  options.audience = audience;
  if (!profile.is_object()) return options;
  if (profile.contains("leeway")) {
    options.leeway = std::chrono::seconds(profile["leeway"].get<int>());
  }
  if (profile.contains("max_age")) {
    options.max_age = std::chrono::seconds(profile["max_age"].get<int>());
  }
  if (profile.contains("expected_typ")) {
    options.expected_typ = profile["expected_typ"].get<std::string>();
  }
  if (profile.contains("algorithms")) {
    options.algorithms = profile["algorithms"].get<std::vector<std::string>>();
  }
  return options;
}

}  // namespace

InProcessTarget::InProcessTarget(const std::string& issuer,
                                 const std::string& audience,
                                 const nlohmann::json& profile,
                                 const Clock& clock, const std::string& ca_file)
    : clock_(clock), options_(OptionsFor(issuer, audience, profile)) {
  // DISC-4, DISC-6: https unless the run's mock issuer is plain http.
  const bool allow_http = ca_file.empty();
  HttpFetcherOptions fetch;
  fetch.ca_file = ca_file;
  fetch.allow_http = allow_http;
  fetch.connect_timeout = kFetchTimeout;
  fetch.read_timeout = kFetchTimeout;
  fetcher_ = MakeHttpFetcher(fetch);
  DiscoveryOptions discovery;
  discovery.allow_http = allow_http;
  keys_ = std::make_unique<DiscoveryKeySource>(discovery, *fetcher_, clock);
  verifier_ = std::make_unique<Verifier>(options_, *keys_, clock);
}

InProcessTarget::~InProcessTarget() = default;

InProcessHttp& InProcessTarget::Http() {
  if (!http_) {
    http_ =
        std::make_unique<InProcessHttp>(options_, *verifier_, *keys_, clock_);
  }
  return *http_;
}

std::string InProcessTarget::TokenEndpointUrl() {
  return Http().TokenEndpointUrl();
}

Observation InProcessTarget::Send(const Delivery& delivery) {
  if (delivery.http) return Http().Send(delivery);
  Verification verification = verifier_->Verify(delivery.token);
  Observation observation;
  observation.verdict = verification.ok() ? Verdict::kAccept : Verdict::kReject;
  observation.reason = std::string(ReasonCode(verification.reason));
  observation.detail = verification.detail;
  return observation;
}

}  // namespace jwtconf::harness
