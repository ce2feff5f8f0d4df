#include "jwtconf/reference/jwk_set.h"

#include <string>
#include <utility>

#include "jwk.h"
#include "jwtconf/reference/strict_json.h"

namespace jwtconf {
namespace {

constexpr std::size_t kMaxKeys = 1000;

}  // namespace

JwkSet::ParseResult JwkSet::Parse(std::string_view json_text) {
  const StrictJson document = ParseStrictJsonObject(json_text);
  if (document.status == StrictJson::Status::kDuplicateMember) {
    return {Reason::kDuplicateMember, document.detail, nullptr};
  }

  // JWKS-1: the set is a JSON object ...
  if (!document.ok()) {
    return {Reason::kJwksMalformed, "jwk set: " + document.detail, nullptr};
  }

  // ... with a `keys` array.
  const auto keys = document.value.find("keys");
  if (keys == document.value.end() || !keys->is_array()) {
    return {Reason::kJwksMalformed, "jwk set has no keys array", nullptr};
  }

  // ROB-1: each key costs a key import; a set far beyond what any issuer
  // publishes is refused before that work.
  if (keys->size() > kMaxKeys) {
    return {Reason::kTooLarge,
            "jwk set has more than " + std::to_string(kMaxKeys) + " keys",
            nullptr};
  }

  // JWKS-1: unusable keys are kept with their problem, not fatal.
  auto set = std::make_shared<JwkSet>();
  for (const nlohmann::json& member : *keys) {
    set->keys_.push_back(std::make_shared<const ParsedJwk>(ParseJwk(member)));
  }
  return {Reason::kOk, {}, std::move(set)};
}

std::size_t JwkSet::size() const { return keys_.size(); }

std::vector<std::string> JwkSet::UsableKids() const {
  std::vector<std::string> kids;
  for (const auto& key : keys_) {
    if (key->usable() && key->kid) kids.push_back(*key->kid);
  }
  return kids;
}

}  // namespace jwtconf
