// YAML to JSON under the YAML 1.2 core schema: quoted scalars stay strings,
// plain scalars become null, booleans, integers or floats when they look so.
#pragma once

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

namespace jwtconf::harness {

// Throws std::runtime_error for YAML that has no JSON equivalent (aliases to
// non-scalars are fine; non-string mapping keys are not).
nlohmann::json YamlToJson(const YAML::Node& node);

}  // namespace jwtconf::harness
