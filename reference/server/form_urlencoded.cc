#include "server/form_urlencoded.h"

#include <cstddef>
#include <set>

namespace jwtconf {
namespace {

std::optional<int> HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

std::optional<std::string> Decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      decoded += ' ';
      continue;
    }
    if (text[i] != '%') {
      decoded += text[i];
      continue;
    }

    if (i + 2 >= text.size()) return std::nullopt;
    const std::optional<int> high = HexValue(text[i + 1]);
    const std::optional<int> low = HexValue(text[i + 2]);
    if (!high || !low) return std::nullopt;
    decoded += static_cast<char>(*high * 16 + *low);
    i += 2;
  }
  return decoded;
}

FormParse Refuse(std::string problem) { return {std::nullopt, problem}; }

// The next `name[=value]` pair of `text`, which loses it and its '&'.
std::string_view NextPair(std::string_view& text) {
  const std::size_t end = text.find('&');
  const std::string_view pair = text.substr(0, end);
  text =
      end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  return pair;
}

}  // namespace

FormParse ParseOAuthForm(std::string_view body) {
  std::map<std::string, std::string> parameters;
  std::set<std::string> seen;
  while (!body.empty()) {
    const std::string_view pair = NextPair(body);
    if (pair.empty()) continue;

    const std::size_t equals = pair.find('=');
    const std::optional<std::string> name = Decode(pair.substr(0, equals));
    const std::optional<std::string> value =
        equals == std::string_view::npos ? std::string()
                                         : Decode(pair.substr(equals + 1));
    if (!name || !value) return Refuse("malformed percent-encoding");

    // RFC 6749 §3.2: request parameters must not be included more than once.
    if (!seen.insert(*name).second) return Refuse("a parameter is repeated");

    // RFC 6749 §3.2: a parameter sent without a value is treated as omitted.
    if (value->empty()) continue;
    parameters.emplace(*name, *value);
  }
  return {parameters, ""};
}

bool HasUrlEncodedParameter(std::string_view urlencoded,
                            std::string_view name) {
  while (!urlencoded.empty()) {
    const std::string_view pair = NextPair(urlencoded);
    if (Decode(pair.substr(0, pair.find('='))) == name) return true;
  }
  return false;
}

}  // namespace jwtconf
