// The run's keys (vectors/keys.yaml), generated fresh the first time a
// vector uses each one and shared by every vector after that.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "jwtconf/mock_idp/signing_key.h"
#include "vector_model.h"

namespace jwtconf::harness {

class KeyPool {
 public:
  explicit KeyPool(std::map<std::string, KeyDefinition> definitions)
      : definitions_(std::move(definitions)) {}

  // Throws std::out_of_range for a name keys.yaml does not define.
  const KeyDefinition& Definition(const std::string& name) const;
  const mockidp::SigningKey& Key(const std::string& name);

 private:
  std::map<std::string, KeyDefinition> definitions_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<mockidp::SigningKey>> keys_;
};

}  // namespace jwtconf::harness
