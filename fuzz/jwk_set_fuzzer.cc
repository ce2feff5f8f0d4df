// Fuzzes JWK and JWK Set parsing into OpenSSL keys (JWKS-1, JWKS-7, JWKS-8,
// ROB-1) and key selection over the result (JWKS-2..6). Input: a JWK Set
// document, or a single JWK object (any object without `keys`).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "jwk.h"
#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/strict_json.h"
#include "jwtconf/reference/verifier.h"
#include "key_selection.h"

namespace {

// A usable key always carries its OpenSSL key; an unusable one says why.
void CheckParsedKey(const jwtconf::ParsedJwk& key) {
  if (key.usable() != (key.pkey != nullptr)) std::abort();
  if (!key.usable() && key.problem_detail.empty()) std::abort();
}

void FuzzSingleJwk(std::string_view text) {
  const jwtconf::StrictJson document = jwtconf::ParseStrictJsonObject(text);
  if (!document.ok() || document.value.contains("keys")) return;
  CheckParsedKey(jwtconf::ParseJwk(document.value));
}

void FuzzJwkSet(std::string_view text) {
  const jwtconf::JwkSet::ParseResult parsed = jwtconf::JwkSet::Parse(text);
  if (parsed.reason != jwtconf::Reason::kOk) return;

  for (const auto& key : parsed.set->keys()) CheckParsedKey(*key);

  // Selection for every algorithm of the profile, and lookup of every kid.
  const std::optional<std::string> no_kid;
  const jwtconf::KeyList all = jwtconf::KeysNamedBy(*parsed.set, no_kid);
  for (const std::string& alg : jwtconf::AllProfileAlgorithms()) {
    jwtconf::SelectVerificationKeys(all, alg, false);
    jwtconf::SelectVerificationKeys(all, alg, true);
  }
  for (const std::string& kid : parsed.set->UsableKids()) {
    if (jwtconf::KeysNamedBy(*parsed.set, kid).empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  FuzzJwkSet(text);
  FuzzSingleJwk(text);
  return 0;
}
