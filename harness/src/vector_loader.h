// Loads and checks a vectors folder: every YAML file below it, plus
// keys.yaml and requirements.yaml. Errors name the file, the vector and the
// field, e.g. "expired/exp.yaml: vector 'exp-1h': field 'expect': ...".
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "vector_model.h"

namespace jwtconf::harness {

class VectorError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws VectorError for a missing folder, unreadable or malformed YAML,
// unknown or missing members, wrong types, unknown requirement IDs, reason
// codes or key names, and duplicate vector ids.
VectorSuite LoadVectorSuite(const std::filesystem::path& root);

}  // namespace jwtconf::harness
