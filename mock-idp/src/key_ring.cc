#include "key_ring.h"

#include <set>
#include <stdexcept>

#include "jwk_thumbprint.h"

namespace jwtconf::mockidp::internal {
namespace {

PublishedKey NewKey(const std::string& alg) {
  SigningKey key = SigningKey::Generate(KeySpecForAlg(alg));
  std::string kid = JwkThumbprint(key.PublicJwk());
  return {std::move(key), std::move(kid)};
}

nlohmann::json PublicEntry(const std::string& alg, const PublishedKey& key) {
  nlohmann::json jwk = key.key.PublicJwk();
  jwk["kid"] = key.kid;
  jwk["alg"] = alg;
  jwk["use"] = "sig";
  return jwk;
}

}  // namespace

KeySpec KeySpecForAlg(const std::string& alg) {
  static const std::set<std::string> kRsaAlgs = {"RS256", "RS384", "RS512",
                                                 "PS256", "PS384", "PS512"};
  if (kRsaAlgs.contains(alg)) return {KeyType::kRsa, 2048, ""};
  if (alg == "ES256") return {KeyType::kEc, 0, "P-256"};
  if (alg == "ES384") return {KeyType::kEc, 0, "P-384"};
  if (alg == "ES512") return {KeyType::kEc, 0, "P-521"};
  if (alg == "EdDSA") return {KeyType::kOkp, 0, "Ed25519"};
  if (alg.starts_with("HS")) {
    throw std::invalid_argument(alg + " has no public key to publish");
  }
  throw std::invalid_argument("unsupported alg " + alg);
}

KeyRing::KeyRing(const std::vector<std::string>& algs) : algs_(algs) {
  if (algs.empty()) throw std::invalid_argument("no algs given");
  for (const std::string& alg : algs) {
    if (slots_.contains(alg)) {
      throw std::invalid_argument("alg given twice: " + alg);
    }
    slots_.emplace(alg, Slot{NewKey(alg), std::nullopt});
  }
}

const PublishedKey* KeyRing::Current(const std::string& alg) const {
  const auto it = slots_.find(alg);
  if (it == slots_.end()) return nullptr;
  return &it->second.current;
}

void KeyRing::Rotate() {
  for (auto& [alg, slot] : slots_) {
    PublishedKey fresh = NewKey(alg);
    slot.previous = std::move(slot.current);
    slot.current = std::move(fresh);
  }
}

nlohmann::json KeyRing::Jwks() const {
  nlohmann::json keys = nlohmann::json::array();
  for (const std::string& alg : algs_) {
    keys.push_back(PublicEntry(alg, slots_.at(alg).current));
  }
  for (const std::string& alg : algs_) {
    const Slot& slot = slots_.at(alg);
    if (slot.previous) keys.push_back(PublicEntry(alg, *slot.previous));
  }
  return {{"keys", keys}};
}

}  // namespace jwtconf::mockidp::internal
