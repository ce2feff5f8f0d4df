// Starts an implementation under test from a command template and stops it
// again. Placeholders: {issuer}, {audience}, {port}, {leeway}, {ca_file}.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace jwtconf::harness {

// An unused loopback TCP port chosen by the OS.
int FreeLoopbackPort();

// Replaces {name} placeholders; throws std::invalid_argument naming an
// unknown one.
std::string ExpandTemplate(const std::string& command,
                           const std::map<std::string, std::string>& values);

class LaunchedProcess {
 public:
  // Runs `command` with /bin/sh in its own process group, output appended
  // to `log_file`, and waits until 127.0.0.1:`port` accepts connections.
  // Throws std::runtime_error when it exits or is not listening in time.
  LaunchedProcess(const std::string& command, int port,
                  const std::string& log_file,
                  std::chrono::milliseconds startup_timeout);
  ~LaunchedProcess();  // Stop()
  LaunchedProcess(const LaunchedProcess&) = delete;
  LaunchedProcess& operator=(const LaunchedProcess&) = delete;

  bool Running();
  // SIGTERM to the group, SIGKILL after a grace period.
  void Stop();

 private:
  int pid_ = -1;
};

}  // namespace jwtconf::harness
