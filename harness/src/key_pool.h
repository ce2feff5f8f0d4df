// The run's keys (vectors/keys.yaml), generated fresh the first time a
// vector uses each one and shared by every vector after that. Safe to use
// from several threads: different keys are generated concurrently, and a
// thread asking for a key another thread is generating waits for it.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "jwtconf/mock_idp/signing_key.h"
#include "vector_model.h"

namespace jwtconf::harness {

class KeyPool {
 public:
  explicit KeyPool(std::map<std::string, KeyDefinition> definitions);

  // Throws std::out_of_range for a name keys.yaml does not define.
  const KeyDefinition& Definition(const std::string& name) const;
  const mockidp::SigningKey& Key(const std::string& name);

  // Every key name, the slowest to generate (largest RSA) first: the order
  // in which to generate them ahead of use.
  std::vector<std::string> NamesSlowestFirst() const;

 private:
  struct Slot {
    std::once_flag generated;
    std::unique_ptr<mockidp::SigningKey> key;
  };

  std::map<std::string, KeyDefinition> definitions_;
  std::map<std::string, Slot> slots_;  // one per definition, made up front
};

}  // namespace jwtconf::harness
