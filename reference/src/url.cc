#include "url.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace jwtconf {
namespace {

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

bool HasControlOrSpace(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return c <= 0x20 || c == 0x7F; });
}

bool IsHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
         c == '_';
}

std::optional<int> ParsePort(std::string_view text) {
  int port = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }

  if (port < 1 || port > 65535) return std::nullopt;
  return port;
}

// Fills host and port from `authority`; false when it is not host[:port].
bool ParseAuthority(std::string_view authority, Url& url) {
  std::string_view port_text;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;

    url.host = Lowercase(authority.substr(1, close - 1));
    const std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return false;
    if (!rest.empty()) port_text = rest.substr(1);

    const bool ipv6_chars =
        std::all_of(url.host.begin(), url.host.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' ||
                 c == '.';
        });
    if (url.host.empty() || !ipv6_chars) return false;
  } else {
    const std::size_t colon = authority.find(':');
    url.host = Lowercase(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
    }

    if (url.host.empty() ||
        !std::all_of(url.host.begin(), url.host.end(), IsHostChar)) {
      return false;
    }
  }

  if (port_text.empty()) return authority.back() != ':';

  const std::optional<int> port = ParsePort(port_text);
  if (!port) return false;
  url.port = *port;
  return true;
}

}  // namespace

std::string Url::Origin() const {
  const std::string host_text =
      host.find(':') == std::string::npos ? host : "[" + host + "]";
  return scheme + "://" + host_text + ":" + std::to_string(port);
}

std::string Url::Target() const { return query ? path + "?" + *query : path; }

std::optional<Url> ParseUrl(std::string_view text) {
  if (HasControlOrSpace(text)) return std::nullopt;

  const std::size_t separator = text.find("://");
  if (separator == std::string_view::npos) return std::nullopt;

  Url url;
  url.scheme = Lowercase(text.substr(0, separator));
  if (url.scheme == "http") {
    url.port = 80;
  } else if (url.scheme == "https") {
    url.port = 443;
  } else {
    return std::nullopt;
  }

  std::string_view rest = text.substr(separator + 3);
  const std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    url.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }

  const std::size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    url.query = std::string(rest.substr(question + 1));
    rest = rest.substr(0, question);
  }

  const std::size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  if (authority.empty() || authority.find('@') != std::string_view::npos ||
      !ParseAuthority(authority, url)) {
    return std::nullopt;
  }

  url.path =
      slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  return url;
}

std::optional<Url> ResolveLocation(const Url& base, std::string_view location) {
  if (location.find("://") != std::string_view::npos) {
    return ParseUrl(location);
  }

  if (location.starts_with("//")) {
    return ParseUrl(base.scheme + ":" + std::string(location));
  }

  const std::string authority = base.Origin();
  if (location.starts_with('/')) {
    return ParseUrl(authority + std::string(location));
  }

  const std::string directory = base.path.substr(0, base.path.rfind('/') + 1);
  return ParseUrl(authority + directory + std::string(location));
}

}  // namespace jwtconf
