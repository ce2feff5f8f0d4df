#include "jwtconf/reference/reason.h"

#include <array>

namespace jwtconf {
namespace {

struct ReasonText {
  std::string_view code;
  std::string_view message;
};

// No default: a new reason without text fails to compile (-Wswitch).
ReasonText TextOf(Reason reason) {
  switch (reason) {
    case Reason::kOk:
      return {"ok", "token accepted"};
    case Reason::kMalformedToken:
      return {"malformed_token", "token is not a compact JWS"};
    case Reason::kMalformedHeader:
      return {"malformed_header", "header is not a valid JSON object"};
    case Reason::kMalformedPayload:
      return {"malformed_payload", "payload is not a valid JSON object"};
    case Reason::kDuplicateMember:
      return {"duplicate_member", "JSON object has a duplicate member"};
    case Reason::kUnsupportedAlg:
      return {"unsupported_alg", "algorithm is not allowed"};
    case Reason::kAlgNone:
      return {"alg_none", "unsigned token (alg none)"};
    case Reason::kAlgKeyMismatch:
      return {"alg_key_mismatch", "key does not fit the algorithm"};
    case Reason::kCritUnsupported:
      return {"crit_unsupported", "critical header extension not supported"};
    case Reason::kUntrustedKeySource:
      return {"untrusted_key_source", "token names its own key source"};
    case Reason::kUnknownKid:
      return {"unknown_kid", "no key with this kid"};
    case Reason::kNoSuitableKey:
      return {"no_suitable_key", "no key fits the token"};
    case Reason::kKeyUseMismatch:
      return {"key_use_mismatch", "key is not meant for signature checks"};
    case Reason::kWeakKey:
      return {"weak_key", "key is too weak"};
    case Reason::kInvalidKey:
      return {"invalid_key", "key is invalid"};
    case Reason::kBadSignature:
      return {"bad_signature", "signature does not verify"};
    case Reason::kIssuerMismatch:
      return {"issuer_mismatch", "issuer is not trusted"};
    case Reason::kAudienceMismatch:
      return {"audience_mismatch", "audience does not match"};
    case Reason::kMissingClaim:
      return {"missing_claim", "required claim is missing"};
    case Reason::kInvalidClaimType:
      return {"invalid_claim_type", "claim has the wrong type or range"};
    case Reason::kExpired:
      return {"expired", "token has expired"};
    case Reason::kNotYetValid:
      return {"not_yet_valid", "token is not yet valid"};
    case Reason::kIssuedInFuture:
      return {"issued_in_future", "token is issued in the future"};
    case Reason::kTooOld:
      return {"too_old", "token is older than the maximum age"};
    case Reason::kWrongTyp:
      return {"wrong_typ", "token type is not accepted"};
    case Reason::kNestedJwt:
      return {"nested_jwt", "nested JWT is not accepted"};
    case Reason::kDiscoveryFailed:
      return {"discovery_failed", "issuer metadata could not be used"};
    case Reason::kDiscoveryIssuerMismatch:
      return {"discovery_issuer_mismatch",
              "metadata issuer differs from the configured issuer"};
    case Reason::kJwksFetchFailed:
      return {"jwks_fetch_failed", "key set could not be fetched"};
    case Reason::kJwksMalformed:
      return {"jwks_malformed", "key set is malformed"};
    case Reason::kTooLarge:
      return {"too_large", "input exceeds the size limit"};
    case Reason::kMissingCredentials:
      return {"missing_credentials", "request carries no token"};
    case Reason::kInvalidRequest:
      return {"invalid_request", "request is malformed"};
    case Reason::kReplayedJti:
      return {"replayed_jti", "assertion was already used (jti seen)"};
  }
  return {"unknown", "unknown reason"};
}

constexpr std::array kAllReasons = {
    Reason::kOk,
    Reason::kMalformedToken,
    Reason::kMalformedHeader,
    Reason::kMalformedPayload,
    Reason::kDuplicateMember,
    Reason::kUnsupportedAlg,
    Reason::kAlgNone,
    Reason::kAlgKeyMismatch,
    Reason::kCritUnsupported,
    Reason::kUntrustedKeySource,
    Reason::kUnknownKid,
    Reason::kNoSuitableKey,
    Reason::kKeyUseMismatch,
    Reason::kWeakKey,
    Reason::kInvalidKey,
    Reason::kBadSignature,
    Reason::kIssuerMismatch,
    Reason::kAudienceMismatch,
    Reason::kMissingClaim,
    Reason::kInvalidClaimType,
    Reason::kExpired,
    Reason::kNotYetValid,
    Reason::kIssuedInFuture,
    Reason::kTooOld,
    Reason::kWrongTyp,
    Reason::kNestedJwt,
    Reason::kDiscoveryFailed,
    Reason::kDiscoveryIssuerMismatch,
    Reason::kJwksFetchFailed,
    Reason::kJwksMalformed,
    Reason::kTooLarge,
    Reason::kMissingCredentials,
    Reason::kInvalidRequest,
    Reason::kReplayedJti,
};

}  // namespace

std::string_view ReasonCode(Reason reason) { return TextOf(reason).code; }

std::string_view ReasonMessage(Reason reason) { return TextOf(reason).message; }

std::optional<Reason> ReasonFromCode(std::string_view code) {
  for (Reason reason : kAllReasons) {
    if (ReasonCode(reason) == code) return reason;
  }
  return std::nullopt;
}

}  // namespace jwtconf
