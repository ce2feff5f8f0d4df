#include "key_pool.h"

#include <stdexcept>

namespace jwtconf::harness {
namespace {

mockidp::KeySpec SpecOf(const KeyDefinition& definition) {
  mockidp::KeySpec spec;
  if (definition.kty == "RSA") {
    spec.type = mockidp::KeyType::kRsa;
    spec.rsa_bits = definition.bits;
  } else {
    spec.type =
        definition.kty == "EC" ? mockidp::KeyType::kEc : mockidp::KeyType::kOkp;
    spec.curve = definition.crv;
  }
  return spec;
}

}  // namespace

const KeyDefinition& KeyPool::Definition(const std::string& name) const {
  auto it = definitions_.find(name);
  if (it == definitions_.end()) {
    throw std::out_of_range("unknown key '" + name + "'");
  }
  return it->second;
}

const mockidp::SigningKey& KeyPool::Key(const std::string& name) {
  const KeyDefinition& definition = Definition(name);
  std::lock_guard lock(mutex_);
  auto& slot = keys_[name];
  if (!slot) {
    slot = std::make_unique<mockidp::SigningKey>(
        mockidp::SigningKey::Generate(SpecOf(definition)));
  }
  return *slot;
}

}  // namespace jwtconf::harness
