#include "key_selection.h"

#include <algorithm>

#include "signature.h"

namespace jwtconf {
namespace {

struct Rejection {
  Reason reason = Reason::kOk;
  std::string detail;
};

Rejection RejectionOf(const ParsedJwk& key, const std::string& alg) {
  // JWKS-6: key type and curve fit the algorithm.
  if (!KeyFitsAlgorithm(key, alg)) {
    return {Reason::kAlgKeyMismatch, "key type does not fit " + alg};
  }

  // JWKS-5: a key bound to another algorithm is not used.
  if (key.alg && *key.alg != alg) {
    return {Reason::kAlgKeyMismatch, "key is for alg " + *key.alg};
  }

  // JWKS-4: only keys meant for signature verification.
  if (key.use && *key.use != "sig") {
    return {Reason::kKeyUseMismatch, "key use is not sig"};
  }

  if (key.key_ops && std::find(key.key_ops->begin(), key.key_ops->end(),
                               "verify") == key.key_ops->end()) {
    return {Reason::kKeyUseMismatch, "key_ops lacks verify"};
  }

  // JWKS-1, JWKS-7..9: the key's own problem.
  if (!key.usable()) return {key.problem, key.problem_detail};

  return {};
}

}  // namespace

KeyList KeysNamedBy(const JwkSet& keys, const std::optional<std::string>& kid) {
  if (!kid) return keys.keys();

  KeyList named;
  for (const auto& key : keys.keys()) {
    if (key->kid == kid) named.push_back(key);
  }
  return named;
}

KeySelection SelectVerificationKeys(const KeyList& candidates,
                                    const std::string& alg, bool named_by_kid) {
  KeySelection selection;
  std::optional<Rejection> first_rejection;
  for (const auto& key : candidates) {
    Rejection rejection = RejectionOf(*key, alg);
    if (rejection.reason == Reason::kOk) {
      selection.keys.push_back(key);
    } else if (!first_rejection) {
      first_rejection = std::move(rejection);
    }
  }

  if (!selection.keys.empty()) return selection;

  if (named_by_kid && first_rejection) {
    return {first_rejection->reason, first_rejection->detail, {}};
  }
  return {Reason::kNoSuitableKey, "no key fits the token", {}};
}

}  // namespace jwtconf
