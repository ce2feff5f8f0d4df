#include "in_process_target.h"

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
                                 const Clock& clock) {
  HttpFetcherOptions fetch;
  fetch.allow_http = true;  // the embedded mock issuer is plain http
  fetch.connect_timeout = kFetchTimeout;
  fetch.read_timeout = kFetchTimeout;
  fetcher_ = MakeHttpFetcher(fetch);
  DiscoveryOptions discovery;
  discovery.allow_http = true;
  keys_ = std::make_unique<DiscoveryKeySource>(discovery, *fetcher_, clock);
  verifier_ = std::make_unique<Verifier>(OptionsFor(issuer, audience, profile),
                                         *keys_, clock);
}

Observation InProcessTarget::Send(const std::string& token) {
  Verification verification = verifier_->Verify(token);
  Observation observation;
  observation.verdict = verification.ok() ? Verdict::kAccept : Verdict::kReject;
  observation.reason = std::string(ReasonCode(verification.reason));
  observation.detail = verification.detail;
  return observation;
}

}  // namespace jwtconf::harness
