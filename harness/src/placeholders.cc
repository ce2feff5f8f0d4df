#include "placeholders.h"

#include <cmath>
#include <optional>
#include <regex>
#include <stdexcept>

namespace jwtconf::harness {
namespace {

const std::regex kPlaceholder(R"(\$\{([^}]*)\})");
const std::regex kNowOffset(R"(^now(?:([+-])([0-9]+(?:\.[0-9]+)?))?$)");

// The time of a ${now...} name as a JSON number, nullopt for other names.
std::optional<nlohmann::json> TimeValue(const std::string& name,
                                        std::int64_t now) {
  std::smatch match;
  if (!std::regex_match(name, match, kNowOffset)) return std::nullopt;
  if (!match[1].matched) return nlohmann::json(now);
  const std::string offset = match[2].str();
  const int sign = match[1].str() == "-" ? -1 : 1;
  if (offset.find('.') == std::string::npos) {
    return nlohmann::json(now + sign * std::stoll(offset));
  }
  return nlohmann::json(static_cast<double>(now) + sign * std::stod(offset));
}

std::string Resolve(const std::string& name, const PlaceholderValues& values) {
  if (name == "issuer") return values.issuer;
  if (name == "audience") return values.audience;
  if (name == "jwks_uri") return values.jwks_uri;
  if (auto time = TimeValue(name, values.now)) return time->dump();
  throw std::runtime_error("unknown placeholder '${" + name + "}'");
}

}  // namespace

std::string SubstituteText(std::string_view text,
                           const PlaceholderValues& values) {
  std::string input(text);
  std::string output;
  auto begin = std::sregex_iterator(input.begin(), input.end(), kPlaceholder);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    output += input.substr(last, it->position() - last);
    output += Resolve((*it)[1].str(), values);
    last = it->position() + it->length();
  }
  return output + input.substr(last);
}

nlohmann::json SubstituteJson(const nlohmann::json& value,
                              const PlaceholderValues& values) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    std::smatch match;
    if (std::regex_match(text, match, kPlaceholder)) {
      if (auto time = TimeValue(match[1].str(), values.now)) return *time;
    }
    return SubstituteText(text, values);
  }
  if (value.is_array() || value.is_object()) {
    nlohmann::json copy = value;
    for (auto& item : copy) item = SubstituteJson(item, values);
    return copy;
  }
  return value;
}

}  // namespace jwtconf::harness
