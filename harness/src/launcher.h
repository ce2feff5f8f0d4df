// Starts an implementation under test from a command template and stops it
// again. Placeholders: {issuer}, {audience}, {port}, {leeway}, {ca_file}.
#pragma once

#include <sys/types.h>

#include <atomic>
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

// Kills every launched target's process group at once; async-signal-safe,
// for a run that is being torn down by a second interrupt.
void StopAllLaunchedTargets();

class LaunchedProcess {
 public:
  // Runs `command` with /bin/sh in its own process group, output appended
  // to `log_file`, and waits until 127.0.0.1:`port` accepts connections.
  // Throws std::runtime_error when it exits, is not listening in time, or
  // `interrupted` becomes true first.
  LaunchedProcess(const std::string& command, int port,
                  const std::string& log_file,
                  std::chrono::milliseconds startup_timeout,
                  const std::atomic<bool>* interrupted = nullptr);
  ~LaunchedProcess();  // Stop()
  LaunchedProcess(const LaunchedProcess&) = delete;
  LaunchedProcess& operator=(const LaunchedProcess&) = delete;

  bool Running();
  // How the target ended ("exited with status 3", "killed by signal 9"),
  // once Running() has seen it end; "" before.
  const std::string& ExitDescription() const { return exit_description_; }
  // SIGTERM to the group, SIGKILL after a grace period.
  void Stop();

 private:
  void Reaped(int status);

  pid_t pid_ = -1;    // the shell, until reaped
  pid_t group_ = -1;  // its process group, until stopped
  std::string exit_description_;
};

}  // namespace jwtconf::harness
