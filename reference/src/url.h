// The http(s) URLs of discovery: scheme://host[:port]/path?query#fragment.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jwtconf {

struct Url {
  std::string scheme;                   // "http" or "https", lowercase
  std::string host;                     // lowercase; IPv6 without brackets
  int port = 0;                         // explicit or the scheme's default
  std::string path;                     // starts with '/'
  std::optional<std::string> query;     // without '?'
  std::optional<std::string> fragment;  // without '#'

  // scheme://host:port, the unit of same-origin comparison (RFC 6454).
  std::string Origin() const;
  // path and query, as sent in the request line.
  std::string Target() const;
};

// nullopt for anything but an absolute http or https URL with a host, and
// for user info, control characters or spaces.
std::optional<Url> ParseUrl(std::string_view text);

// A redirect's Location resolved against the URL that answered it: absolute,
// scheme-relative (//host/...), absolute-path or relative-path references.
std::optional<Url> ResolveLocation(const Url& base, std::string_view location);

}  // namespace jwtconf
