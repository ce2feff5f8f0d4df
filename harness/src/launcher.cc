#include "launcher.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace jwtconf::harness {
namespace {

// Polls start at 1 ms and back off to kPollInterval: a target usually
// listens or exits within milliseconds, and a run launches hundreds.
constexpr auto kFirstPoll = std::chrono::milliseconds(1);
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

// Process groups of running targets, for StopAllLaunchedTargets() from a
// signal handler: lock-free slots, as only atomics are safe there.
constexpr std::size_t kMaxLiveGroups = 64;
std::array<std::atomic<pid_t>, kMaxLiveGroups> g_live_groups{};

void Register(pid_t group) {
  for (auto& slot : g_live_groups) {
    pid_t empty = 0;
    if (slot.compare_exchange_strong(empty, group)) return;
  }
}

void Unregister(pid_t group) {
  for (auto& slot : g_live_groups) {
    pid_t expected = group;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
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
  std::string output;
  std::size_t last = 0;
  for (std::size_t open = command.find('{'); open != std::string::npos;
       open = command.find('{', last)) {
    const std::size_t close = command.find('}', open + 1);
    if (close == std::string::npos) break;
    const std::string name = command.substr(open + 1, close - open - 1);
    const bool placeholder =
        !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || c == '_';
        });
    output += command.substr(last, open - last);
    last = close + 1;
    if (!placeholder) {
      output += command.substr(open, close + 1 - open);
      continue;
    }
    auto value = values.find(name);
    if (value == values.end()) {
      throw std::invalid_argument("unknown placeholder {" + name +
                                  "} in launch command");
    }
    output += value->second;
  }
  return output + command.substr(last);
}

void StopAllLaunchedTargets() {
  for (auto& slot : g_live_groups) {
    const pid_t group = slot.exchange(0);
    if (group > 0) kill(-group, SIGKILL);
  }
}

LaunchedProcess::LaunchedProcess(const std::string& command, int port,
                                 const std::string& log_file,
                                 std::chrono::milliseconds startup_timeout,
                                 const std::atomic<bool>* interrupted) {
  int log =
      open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log < 0) {
    throw std::runtime_error("cannot open " + log_file + ": " +
                             strerror(errno));
  }
  // Orphans of a target's shell become the harness's children rather than
  // init's, so Stop() can reap them.
  prctl(PR_SET_CHILD_SUBREAPER, 1);
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
    // Sockets of the harness (other workers' listeners and connections)
    // must not live on in the target.
    close_range(3, ~0U, 0);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(pid_, pid_);
  group_ = pid_;
  Register(group_);
  close(log);

  const auto deadline = std::chrono::steady_clock::now() + startup_timeout;
  auto pause = kFirstPoll;
  while (!AcceptsConnections(port)) {
    std::string problem;
    if (!Running()) {
      problem = "target " + exit_description_ + " before listening on port " +
                std::to_string(port);
    } else if (std::chrono::steady_clock::now() > deadline) {
      problem = "target never listened on port " + std::to_string(port) +
                " within " + std::to_string(startup_timeout.count()) + " ms";
    } else if (interrupted != nullptr && interrupted->load()) {
      problem = "interrupted while the target was starting";
    }
    if (!problem.empty()) {
      Stop();
      throw std::runtime_error(problem + " (see " + log_file + ")");
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, kPollInterval);
  }
}

LaunchedProcess::~LaunchedProcess() { Stop(); }

bool LaunchedProcess::Running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    Reaped(status);
    return false;
  }
  return true;
}

void LaunchedProcess::Reaped(int status) {
  pid_ = -1;
  if (WIFSIGNALED(status)) {
    exit_description_ = "killed by signal " + std::to_string(WTERMSIG(status));
    return;
  }
  const int code = WEXITSTATUS(status);
  exit_description_ = "exited with status " + std::to_string(code);
  // /bin/sh does not exec the command it runs: a target killed by a signal
  // shows as its shell exiting with 128 + the signal number.
  if (code > 128 && code < 128 + NSIG) {
    exit_description_ += " (killed by signal " + std::to_string(code - 128) +
                         ", as its shell reports it)";
  }
}

// The whole process group goes, also when the shell that led it has already
// exited and left children behind.
void LaunchedProcess::Stop() {
  if (group_ <= 0) return;
  kill(-group_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + kStopGrace;
  auto pause = kFirstPoll;
  while (Running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, kPollInterval);
  }
  kill(-group_, SIGKILL);
  // Every member of the group is reaped, the shell's orphaned children too
  // (they are ours: the harness is a child subreaper), so none outlives it.
  for (int status = 0;;) {
    const pid_t reaped = waitpid(-group_, &status, 0);
    if (reaped < 0 && errno == EINTR) continue;
    if (reaped <= 0) break;
    if (reaped == pid_) Reaped(status);
  }
  Unregister(group_);
  group_ = -1;
}

}  // namespace jwtconf::harness
