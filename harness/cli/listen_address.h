// HOST:PORT of a server this tool starts; loopback hosts only.
#pragma once

#include <string>

namespace jwtconf::harness {

struct ListenAddress {
  std::string host;  // 127.x.y.z, ::1 or localhost (without brackets)
  int port = 0;      // 0: the OS picks

  // http://HOST:PORT with brackets around an IPv6 host.
  std::string Url(int bound_port) const;
};

// Accepts "127.0.0.1:8080", "[::1]:0", "localhost:0". Throws CommandError
// (exit code 2) for anything else, naming the text.
ListenAddress ParseLoopbackListenAddress(const std::string& text);

}  // namespace jwtconf::harness
