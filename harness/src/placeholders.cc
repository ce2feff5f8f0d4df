#include "placeholders.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace jwtconf::harness {
namespace {

// Offsets beyond this many digits are typos, and would overflow.
constexpr std::size_t kMaxOffsetDigits = 12;

bool AllDigits(std::string_view text) {
  return !text.empty() && text.size() <= kMaxOffsetDigits &&
         std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isdigit(c); });
}

// The time of a ${now...} name as a JSON number, nullopt for other names.
// Accepted: now, now+N, now-N, with N whole or decimal seconds.
std::optional<nlohmann::json> TimeValue(std::string_view name,
                                        std::int64_t now) {
  if (!name.starts_with("now")) return std::nullopt;
  if (name == "now") return nlohmann::json(now);
  const char sign_char = name.size() > 3 ? name[3] : '\0';
  if (sign_char != '+' && sign_char != '-') return std::nullopt;
  const int sign = sign_char == '-' ? -1 : 1;
  const std::string_view offset = name.substr(4);
  const std::size_t dot = offset.find('.');
  if (dot == std::string_view::npos) {
    if (!AllDigits(offset)) return std::nullopt;
    return nlohmann::json(now + sign * std::stoll(std::string(offset)));
  }
  if (!AllDigits(offset.substr(0, dot)) || !AllDigits(offset.substr(dot + 1))) {
    return std::nullopt;
  }
  return nlohmann::json(static_cast<double>(now) +
                        sign * std::stod(std::string(offset)));
}

// Calls `visit(name)` for every ${name} in `text` and `literal(part)` for the
// text between them. Throws for a "${" without its "}".
template <typename Literal, typename Visit>
void ScanPlaceholders(std::string_view text, Literal literal, Visit visit) {
  std::size_t last = 0;
  for (std::size_t open = text.find("${"); open != std::string_view::npos;
       open = text.find("${", last)) {
    const std::size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) {
      throw std::runtime_error("unterminated placeholder in '" +
                               std::string(text.substr(open, 40)) + "'");
    }
    literal(text.substr(last, open - last));
    visit(text.substr(open + 2, close - open - 2));
    last = close + 1;
  }
  literal(text.substr(last));
}

// The name of a string that is exactly one placeholder, or nullopt.
std::optional<std::string_view> WholePlaceholder(std::string_view text) {
  if (!text.starts_with("${") || !text.ends_with("}")) return std::nullopt;
  std::string_view name = text.substr(2, text.size() - 3);
  if (name.find('}') != std::string_view::npos) return std::nullopt;
  return name;
}

std::string Resolve(std::string_view name, const PlaceholderValues& values) {
  if (name == "issuer") return values.issuer;
  if (name == "audience") return values.audience;
  if (name == "jwks_uri") return values.jwks_uri;
  if (name == "origin") return values.origin;
  if (name == "other_origin") return values.other_origin;
  if (name == "issuer_path") return values.issuer_path;
  if (name == "nonce" && !values.nonce.empty()) return values.nonce;
  if (name == "token_endpoint" && !values.token_endpoint.empty()) {
    return values.token_endpoint;
  }
  if (name == "canary" && !values.canary.empty()) return values.canary;
  if (name == "canary_http" && !values.canary_http.empty()) {
    return values.canary_http;
  }
  if (auto time = TimeValue(name, values.now)) return time->dump();
  throw std::runtime_error("unknown placeholder '${" + std::string(name) +
                           "}'");
}

}  // namespace

std::string SubstituteText(std::string_view text,
                           const PlaceholderValues& values) {
  std::string output;
  ScanPlaceholders(
      text, [&](std::string_view part) { output += part; },
      [&](std::string_view name) { output += Resolve(name, values); });
  return output;
}

void CheckPlaceholders(std::string_view text) {
  static const PlaceholderValues kProbe = [] {
    PlaceholderValues probe;
    probe.nonce = "n";
    probe.token_endpoint = "t";
    probe.canary = "c";
    probe.canary_http = "c";
    return probe;
  }();
  ScanPlaceholders(
      text, [](std::string_view) {},
      [](std::string_view name) {
        if (name == "token") return;  // filled in when a request is sent
        Resolve(name, kProbe);
      });
}

nlohmann::json SubstituteJson(const nlohmann::json& value,
                              const PlaceholderValues& values) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (auto name = WholePlaceholder(text)) {
      if (auto time = TimeValue(*name, values.now)) return *time;
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
