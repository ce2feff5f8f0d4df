#include "test_keys.h"

#include <map>
#include <mutex>
#include <stdexcept>

namespace jwtconf::testing {
namespace {

mockidp::KeySpec SpecFor(const std::string& alg) {
  using mockidp::KeyType;
  if (alg.starts_with("RS") || alg.starts_with("PS")) {
    return {KeyType::kRsa, 2048, ""};
  }
  if (alg == "ES256") return {KeyType::kEc, 0, "P-256"};
  if (alg == "ES384") return {KeyType::kEc, 0, "P-384"};
  if (alg == "ES512") return {KeyType::kEc, 0, "P-521"};
  if (alg == "EdDSA") return {KeyType::kOkp, 0, "Ed25519"};
  throw std::invalid_argument("no test key for " + alg);
}

}  // namespace

const mockidp::SigningKey& KeyFor(const std::string& alg) {
  static std::mutex mutex;
  static std::map<std::string, mockidp::SigningKey> keys;
  const mockidp::KeySpec spec = SpecFor(alg);
  const std::string family = spec.curve.empty() ? "RSA" : spec.curve;

  std::lock_guard<std::mutex> lock(mutex);
  auto it = keys.find(family);
  if (it == keys.end()) {
    it = keys.emplace(family, mockidp::SigningKey::Generate(spec)).first;
  }
  return it->second;
}

nlohmann::json PublicJwkFor(const std::string& alg, const std::string& kid) {
  nlohmann::json jwk = KeyFor(alg).PublicJwk();
  jwk["kid"] = kid;
  return jwk;
}

std::shared_ptr<const JwkSet> JwkSetFor(const std::string& alg,
                                        const std::string& kid) {
  const nlohmann::json jwks = {{"keys", {PublicJwkFor(alg, kid)}}};
  const JwkSet::ParseResult parsed = JwkSet::Parse(jwks.dump());
  if (parsed.reason != Reason::kOk) {
    throw std::logic_error("test JWK Set does not parse: " + parsed.detail);
  }
  return parsed.set;
}

}  // namespace jwtconf::testing
