#include "test_keys.h"

#include <map>
#include <mutex>
#include <stdexcept>

namespace jwtconf::testing {

const mockidp::SigningKey& KeyFor(const std::string& alg) {
  static std::mutex mutex;
  static std::map<std::string, mockidp::SigningKey> keys;
  const mockidp::KeySpec spec = mockidp::KeySpecForAlg(alg);
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
