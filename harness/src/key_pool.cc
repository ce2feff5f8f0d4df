#include "key_pool.h"

#include <algorithm>
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

KeyPool::KeyPool(std::map<std::string, KeyDefinition> definitions)
    : definitions_(std::move(definitions)) {
  for (const auto& [name, definition] : definitions_) slots_[name];
}

const KeyDefinition& KeyPool::Definition(const std::string& name) const {
  auto it = definitions_.find(name);
  if (it == definitions_.end()) {
    throw std::out_of_range("unknown key '" + name + "'");
  }
  return it->second;
}

// The slot map is never changed after construction, so finding a slot needs
// no lock; call_once lets one thread generate while others wait, and a
// generation that throws leaves the slot for the next caller to retry.
const mockidp::SigningKey& KeyPool::Key(const std::string& name) {
  const KeyDefinition& definition = Definition(name);
  Slot& slot = slots_.at(name);
  std::call_once(slot.generated, [&] {
    slot.key = std::make_unique<mockidp::SigningKey>(
        mockidp::SigningKey::Generate(SpecOf(definition)));
  });
  return *slot.key;
}

std::vector<std::string> KeyPool::NamesSlowestFirst() const {
  std::vector<std::string> names;
  for (const auto& [name, definition] : definitions_) names.push_back(name);
  // RSA key generation searches for primes and takes far longer than EC or
  // OKP keys; the bigger the modulus, the longer.
  std::stable_sort(names.begin(), names.end(),
                   [&](const std::string& a, const std::string& b) {
                     return definitions_.at(a).bits > definitions_.at(b).bits;
                   });
  return names;
}

}  // namespace jwtconf::harness
