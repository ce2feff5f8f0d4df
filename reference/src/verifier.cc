#include "jwtconf/reference/verifier.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <utility>

#include "claims.h"
#include "compact_jws.h"
#include "header_checks.h"
#include "jwtconf/reference/strict_json.h"
#include "key_selection.h"
#include "signature.h"

namespace jwtconf {
namespace {

Verification Refuse(Verification v, Reason reason, std::string detail) {
  v.reason = reason;
  v.detail = std::move(detail);
  return v;
}

double SecondsSinceEpoch(TimePoint now) {
  return std::chrono::duration<double>(now.time_since_epoch()).count();
}

}  // namespace

std::vector<std::string> AllProfileAlgorithms() {
  return {"RS256", "RS384", "RS512", "PS256", "PS384",
          "PS512", "ES256", "ES384", "ES512", "EdDSA"};
}

Verifier::Verifier(VerifierOptions options, KeySource& keys, const Clock& clock)
    : options_(std::move(options)), keys_(keys), clock_(clock) {
  // JWT-3: a verifier must know its own audience.
  if (options_.check_claims && options_.audience.empty()) {
    throw std::invalid_argument("audience must not be empty");
  }

  // DISC-1: keys come only from configured issuers.
  if (options_.check_claims && options_.issuers.empty()) {
    throw std::invalid_argument("at least one issuer is required");
  }

  // JWS-11: only the profile's algorithms can be enabled.
  const std::vector<std::string> profile = AllProfileAlgorithms();
  for (const std::string& alg : options_.algorithms) {
    if (std::find(profile.begin(), profile.end(), alg) == profile.end()) {
      throw std::invalid_argument("algorithm not in the profile: " + alg);
    }
  }

  // JWT-10: leeway widens validity; negative leeway is a mistake.
  if (options_.leeway.count() < 0) {
    throw std::invalid_argument("leeway must not be negative");
  }
}

Verification Verifier::Verify(std::string_view token) const {
  Verification v;

  // ROB-1: refuse oversized tokens before any work.
  if (token.size() > options_.max_token_bytes) {
    return Refuse(std::move(v), Reason::kTooLarge, "token too large");
  }

  // JWS-1: compact serialization of three strict base64url parts.
  CompactJwsParse split = SplitCompactJws(token);
  if (!split.jws) {
    return Refuse(std::move(v), Reason::kMalformedToken, split.detail);
  }
  const CompactJws& jws = *split.jws;

  // JWS-2: the header is a strict JSON object.
  StrictJson header = ParseStrictJsonObject(jws.header);
  if (header.status == StrictJson::Status::kDuplicateMember) {
    return Refuse(std::move(v), Reason::kDuplicateMember,
                  "header: " + header.detail);
  }

  if (!header.ok()) {
    return Refuse(std::move(v), Reason::kMalformedHeader,
                  "header: " + header.detail);
  }
  v.header = std::move(header.value);

  // JWS-3..6, JWS-9, JWS-10: header members.
  HeaderCheck checked = CheckHeader(v.header, options_);
  if (!checked.ok()) {
    return Refuse(std::move(v), checked.reason, checked.detail);
  }

  std::string issuer = options_.issuers.empty() ? "" : options_.issuers[0];
  if (options_.check_claims) {
    // JWT-1: the payload is a strict JSON object.
    StrictJson payload = ParseStrictJsonObject(jws.payload);
    if (payload.status == StrictJson::Status::kDuplicateMember) {
      return Refuse(std::move(v), Reason::kDuplicateMember,
                    "payload: " + payload.detail);
    }

    if (!payload.ok()) {
      return Refuse(std::move(v), Reason::kMalformedPayload,
                    "payload: " + payload.detail);
    }
    v.claims = std::move(payload.value);

    // DISC-1, JWT-2: iss picks keys only among the trusted issuers.
    const auto iss = v.claims.find("iss");
    if (iss == v.claims.end()) {
      return Refuse(std::move(v), Reason::kMissingClaim, "iss missing");
    }

    if (!iss->is_string()) {
      return Refuse(std::move(v), Reason::kInvalidClaimType, "iss no string");
    }

    issuer = iss->get<std::string>();
    if (std::find(options_.issuers.begin(), options_.issuers.end(), issuer) ==
        options_.issuers.end()) {
      return Refuse(std::move(v), Reason::kIssuerMismatch, "iss not trusted");
    }
  }

  // DISC-1..8: the trusted issuer's keys.
  KeyLookup lookup = keys_.Keys(issuer, false);
  if (lookup.reason != Reason::kOk) {
    return Refuse(std::move(v), lookup.reason, lookup.detail);
  }

  // JWKS-2, JWKS-3: candidates by kid; JWKS-10: refetch once for a new kid.
  KeyList candidates = KeysNamedBy(*lookup.keys, checked.kid);
  if (checked.kid && candidates.empty()) {
    lookup = keys_.Keys(issuer, true);
    if (lookup.reason != Reason::kOk) {
      return Refuse(std::move(v), lookup.reason, lookup.detail);
    }
    candidates = KeysNamedBy(*lookup.keys, checked.kid);
  }

  if (checked.kid && candidates.empty()) {
    return Refuse(std::move(v), Reason::kUnknownKid, "no key with this kid");
  }

  // JWKS-4..9: keys that may verify this algorithm.
  KeySelection selection =
      SelectVerificationKeys(candidates, checked.alg, checked.kid.has_value());
  if (!selection.ok()) {
    return Refuse(std::move(v), selection.reason, selection.detail);
  }

  // JWS-7, JWS-8: the signature over the received bytes.
  const auto verifying_key = std::find_if(
      selection.keys.begin(), selection.keys.end(), [&](const auto& key) {
        return VerifySignature(*key, checked.alg, jws.signing_input,
                               jws.signature);
      });
  if (verifying_key == selection.keys.end()) {
    return Refuse(std::move(v), Reason::kBadSignature,
                  "signature does not verify");
  }
  v.kid = (*verifying_key)->kid.value_or("");
  v.issuer = issuer;

  if (!options_.check_claims) return v;

  // JWT-3..7, JWT-9: claims of the verified token.
  const ClaimCheck claims =
      CheckClaims(v.claims, options_, SecondsSinceEpoch(clock_.Now()));
  if (!claims.ok()) {
    return Refuse(std::move(v), claims.reason, claims.detail);
  }

  v.subject = v.claims.at("sub").get<std::string>();
  return v;
}

}  // namespace jwtconf
