// Failure reasons of the reference verifier. Each code is the stable string
// of the requirements catalogue (shared/spec/REQUIREMENTS.md); vectors and
// reports compare these codes, never messages.
#pragma once

#include <optional>
#include <string_view>

namespace jwtconf {

enum class Reason {
  kOk,
  kMalformedToken,
  kMalformedHeader,
  kMalformedPayload,
  kDuplicateMember,
  kUnsupportedAlg,
  kAlgNone,
  kAlgKeyMismatch,
  kCritUnsupported,
  kUntrustedKeySource,
  kUnknownKid,
  kNoSuitableKey,
  kKeyUseMismatch,
  kWeakKey,
  kInvalidKey,
  kBadSignature,
  kIssuerMismatch,
  kAudienceMismatch,
  kMissingClaim,
  kInvalidClaimType,
  kExpired,
  kNotYetValid,
  kIssuedInFuture,
  kTooOld,
  kWrongTyp,
  kNestedJwt,
  kDiscoveryFailed,
  kDiscoveryIssuerMismatch,
  kJwksFetchFailed,
  kJwksMalformed,
  kTooLarge,
  kMissingCredentials,
  kInvalidRequest,
  kReplayedJti,
};

// The catalogue's snake_case code, e.g. "bad_signature"; "ok" for kOk.
std::string_view ReasonCode(Reason reason);

// A short lowercase human message for the reason.
std::string_view ReasonMessage(Reason reason);

// Inverse of ReasonCode; nullopt for an unknown code.
std::optional<Reason> ReasonFromCode(std::string_view code);

}  // namespace jwtconf
