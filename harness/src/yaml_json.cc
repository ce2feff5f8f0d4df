#include "yaml_json.h"

#include <charconv>
#include <cmath>
#include <regex>
#include <stdexcept>
#include <string>

namespace jwtconf::harness {
namespace {

// Longer plain scalars are text: no number or keyword is that long, and
// std::regex recurses per character.
constexpr std::size_t kMaxTypedScalar = 64;
// Aliases share nodes in yaml-cpp but are copied into JSON, so a small file
// of nested aliases could expand without bound ("billion laughs").
constexpr std::size_t kMaxNodes = 2'000'000;

nlohmann::json PlainScalar(const std::string& text) {
  if (text.size() > kMaxTypedScalar) return text;
  static const std::regex kNull("^(~|null|Null|NULL|)$");
  static const std::regex kTrue("^(true|True|TRUE)$");
  static const std::regex kFalse("^(false|False|FALSE)$");
  static const std::regex kInt("^[-+]?[0-9]+$");
  static const std::regex kFloat(
      R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (std::regex_match(text, kNull)) return nullptr;
  if (std::regex_match(text, kTrue)) return true;
  if (std::regex_match(text, kFalse)) return false;
  if (std::regex_match(text, kInt)) {
    const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
    const char* end = text.data() + text.size();
    std::int64_t as_signed = 0;
    if (std::from_chars(begin, end, as_signed).ec == std::errc()) {
      return as_signed;
    }
    std::uint64_t as_unsigned = 0;
    if (std::from_chars(begin, end, as_unsigned).ec == std::errc()) {
      return as_unsigned;
    }
  }
  if (std::regex_match(text, kFloat)) {
    double value = std::strtod(text.c_str(), nullptr);
    if (std::isfinite(value)) return value;
  }
  return text;
}

nlohmann::json Convert(const YAML::Node& node, std::size_t& budget) {
  if (budget == 0) {
    throw std::runtime_error("document expands to more than " +
                             std::to_string(kMaxNodes) +
                             " nodes (nested aliases?)");
  }
  --budget;
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar:
      // yaml-cpp tags quoted scalars "!" and plain ones "?".
      if (node.Tag() == "!") return node.Scalar();
      return PlainScalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& item : node) array.push_back(Convert(item, budget));
      return array;
    }
    case YAML::NodeType::Map: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& member : node) {
        if (!member.first.IsScalar()) {
          throw std::runtime_error("mapping keys must be strings");
        }
        const std::string& key = member.first.Scalar();
        if (object.contains(key)) {
          throw std::runtime_error("duplicate mapping key '" + key + "'");
        }
        object[key] = Convert(member.second, budget);
      }
      return object;
    }
  }
  return nullptr;
}

}  // namespace

nlohmann::json YamlToJson(const YAML::Node& node) {
  std::size_t budget = kMaxNodes;
  return Convert(node, budget);
}

}  // namespace jwtconf::harness
