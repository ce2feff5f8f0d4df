#include "loopback_host.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace jwtconf::mockidp::internal {

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost") return true;

  const std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    return std::memcmp(&v6, &in6addr_loopback, sizeof(v6)) == 0;
  }
  return false;
}

std::string BindAddress(std::string_view host) {
  if (host == "localhost") return "127.0.0.1";
  return std::string(host);
}

std::string UrlHost(std::string_view host) {
  if (host.find(':') != std::string_view::npos) {
    return "[" + std::string(host) + "]";
  }
  return std::string(host);
}

}  // namespace jwtconf::mockidp::internal
