#include "server/authorization.h"

#include <cstddef>
#include <optional>

namespace jwtconf {
namespace {

CredentialClassification Invalid() {
  return {CredentialKind::kInvalidRequest, {}};
}

bool IsAsciiAlpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool IsB64TokenChar(char c) {
  return IsAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '+' || c == '/';
}

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" /
// "+" / "/" ) *"="
bool IsB64Token(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && IsB64TokenChar(text[i])) ++i;
  if (i == 0) return false;

  while (i < text.size() && text[i] == '=') ++i;
  return i == text.size();
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;

  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// One Authorization header value: a bearer token, another scheme (kMissing)
// or a malformed value.
CredentialClassification ClassifyAuthorization(std::string_view value) {
  const std::size_t scheme_end = value.find_first_of(" \t");
  const std::string_view scheme = value.substr(0, scheme_end);
  // HTTP-4: an empty value is no credential of any scheme.
  if (scheme.empty()) return Invalid();

  // HTTP-2: another scheme carries no bearer token; answered as missing
  // (RFC 6750 §3.1: no error code).
  // HTTP-1: the scheme name matches case-insensitively.
  if (!EqualsIgnoreAsciiCase(scheme, "Bearer")) {
    return {CredentialKind::kMissing, {}};
  }

  // HTTP-4: `Bearer` with no token.
  if (scheme_end == std::string_view::npos) return Invalid();

  // HTTP-1: credentials = "Bearer" 1*SP b64token; a tab is not SP.
  const std::string_view rest = value.substr(scheme_end);
  const std::size_t token_start = rest.find_first_not_of(' ');
  if (token_start == 0 || token_start == std::string_view::npos) {
    return Invalid();
  }

  // HTTP-4: the token must follow the b64token syntax.
  const std::string_view token = rest.substr(token_start);
  if (!IsB64Token(token)) return Invalid();

  return {CredentialKind::kToken, std::string(token)};
}

}  // namespace

CredentialClassification ClassifyCredentials(
    const RequestCredentials& credentials) {
  const std::vector<std::string>& values = credentials.authorization_values;
  // HTTP-4: more than one Authorization header.
  if (values.size() > 1) return Invalid();

  // HTTP-4: a token by more than one method (RFC 6750 §2).
  if (credentials.query_access_token && credentials.body_access_token) {
    return Invalid();
  }

  const bool outside_header =
      credentials.query_access_token || credentials.body_access_token;
  const CredentialClassification header =
      values.empty() ? CredentialClassification{CredentialKind::kMissing, {}}
                     : ClassifyAuthorization(values.front());
  // HTTP-5: a token only in the query or the body is not accepted by
  // default; it is answered like a request without credentials.
  if (header.kind == CredentialKind::kMissing) {
    return {
        outside_header ? CredentialKind::kQueryOnly : CredentialKind::kMissing,
        {}};
  }

  // HTTP-4: a bearer header together with a query or body token.
  if (outside_header) return Invalid();

  return header;
}

}  // namespace jwtconf
