#include "listen_address.h"

#include <regex>

#include "exit_codes.h"

namespace jwtconf::harness {

std::string ListenAddress::Url(int bound_port) const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" +
         std::to_string(bound_port);
}

ListenAddress ParseLoopbackListenAddress(const std::string& text) {
  static const std::regex kAddress(
      R"(^(127\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})|\[::1\]|localhost):([0-9]{1,5})$)");
  constexpr std::size_t kLongestAddress = 32;
  std::smatch match;
  if (text.size() > kLongestAddress ||
      !std::regex_match(text, match, kAddress)) {
    throw CommandError(
        "listen address must be a loopback HOST:PORT "
        "(127.0.0.1:PORT, [::1]:PORT or localhost:PORT), got '" +
            text + "'",
        kExitUsage);
  }
  for (int octet = 2; octet <= 4; ++octet) {
    if (match[octet].matched && std::stoi(match[octet].str()) > 255) {
      throw CommandError("not an IPv4 address in '" + text + "'", kExitUsage);
    }
  }
  const int port = std::stoi(match[5].str());
  if (port > 65535) {
    throw CommandError("port out of range in '" + text + "'", kExitUsage);
  }
  std::string host = match[1].str();
  if (host == "[::1]") host = "::1";
  return {host, port};
}

}  // namespace jwtconf::harness
