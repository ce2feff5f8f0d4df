// Test-only: sends one raw HTTP request over loopback and returns every byte
// the server sent before closing, to see faults below httplib's client.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>

namespace jwtconf::mockidp::testing {

struct RawAnswer {
  std::string received;
  int error = 0;  // errno of the receive that ended the exchange, 0 for EOF
};

inline RawAnswer RawExchangeWithError(int port, const std::string& request,
                                      std::chrono::milliseconds timeout) {
  RawAnswer answer;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return answer;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string& received = answer.received;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      send(fd, request.data(), request.size(), 0) ==
          static_cast<ssize_t>(request.size())) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[4096];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      const ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
      if (n < 0) answer.error = errno;
      if (n <= 0) break;
      received.append(buffer, static_cast<std::size_t>(n));
    }
  }
  close(fd);
  return answer;
}

inline std::string RawExchange(int port, const std::string& request,
                               std::chrono::milliseconds timeout) {
  return RawExchangeWithError(port, request, timeout).received;
}

}  // namespace jwtconf::mockidp::testing
