// application/x-www-form-urlencoded bodies as OAuth 2.0 reads them
// (RFC 6749 §3.2, Appendix B): every parameter at most once, a parameter
// without a value treated as omitted.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jwtconf {

struct FormParse {
  std::optional<std::map<std::string, std::string>> parameters;
  std::string problem;  // why the body was refused, when parameters is unset
};

// Decodes `body`: '+' is a space and %XX a byte. A malformed escape or a
// repeated parameter name refuses the whole body; parameters with an empty
// value are left out.
FormParse ParseOAuthForm(std::string_view body);

// True when `urlencoded` (a query string or an
// application/x-www-form-urlencoded body) has a parameter named `name`,
// whatever its value; pairs whose name does not decode are passed over.
bool HasUrlEncodedParameter(std::string_view urlencoded, std::string_view name);

}  // namespace jwtconf
