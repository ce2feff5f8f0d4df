#include "launcher.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <regex>
#include <stdexcept>
#include <thread>

namespace jwtconf::harness {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(20);
constexpr auto kStopGrace = std::chrono::milliseconds(2000);

sockaddr_in LoopbackAddress(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool AcceptsConnections(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address = LoopbackAddress(port);
  bool connected =
      connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  close(fd);
  return connected;
}

}  // namespace

int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    throw std::runtime_error("socket: " + std::string(strerror(errno)));
  sockaddr_in address = LoopbackAddress(0);
  socklen_t length = sizeof(address);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    std::string error = strerror(errno);
    close(fd);
    throw std::runtime_error("cannot pick a loopback port: " + error);
  }
  close(fd);
  return ntohs(address.sin_port);
}

std::string ExpandTemplate(const std::string& command,
                           const std::map<std::string, std::string>& values) {
  static const std::regex kPlaceholder(R"(\{([a-z_]+)\})");
  std::string output;
  std::size_t last = 0;
  for (auto it =
           std::sregex_iterator(command.begin(), command.end(), kPlaceholder);
       it != std::sregex_iterator(); ++it) {
    auto value = values.find((*it)[1].str());
    if (value == values.end()) {
      throw std::invalid_argument("unknown placeholder " + it->str() +
                                  " in launch command");
    }
    output += command.substr(last, it->position() - last) + value->second;
    last = it->position() + it->length();
  }
  return output + command.substr(last);
}

LaunchedProcess::LaunchedProcess(const std::string& command, int port,
                                 const std::string& log_file,
                                 std::chrono::milliseconds startup_timeout) {
  int log =
      open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log < 0) {
    throw std::runtime_error("cannot open " + log_file + ": " +
                             strerror(errno));
  }
  pid_ = fork();
  if (pid_ < 0) {
    close(log);
    throw std::runtime_error("fork: " + std::string(strerror(errno)));
  }
  if (pid_ == 0) {
    setpgid(0, 0);
    int null_in = open("/dev/null", O_RDONLY);
    dup2(null_in, STDIN_FILENO);
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(pid_, pid_);
  close(log);

  const auto deadline = std::chrono::steady_clock::now() + startup_timeout;
  while (!AcceptsConnections(port)) {
    if (!Running()) {
      throw std::runtime_error("target exited before listening on port " +
                               std::to_string(port) + " (see " + log_file +
                               ")");
    }
    if (std::chrono::steady_clock::now() > deadline) {
      Stop();
      throw std::runtime_error("target did not listen on port " +
                               std::to_string(port) + " within " +
                               std::to_string(startup_timeout.count()) +
                               " ms (see " + log_file + ")");
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

LaunchedProcess::~LaunchedProcess() { Stop(); }

bool LaunchedProcess::Running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

void LaunchedProcess::Stop() {
  if (!Running()) return;
  kill(-pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + kStopGrace;
  while (Running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(kPollInterval);
  }
  if (Running()) {
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
}

}  // namespace jwtconf::harness
