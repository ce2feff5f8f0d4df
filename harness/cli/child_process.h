// Child processes of `jwtconf matrix`: an adapter's version command with a
// time limit, and `jwtconf run` per implementation with its output logged.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace jwtconf::harness {

struct ShellResult {
  int exit_code = -1;  // -1: killed by a signal or timed out
  bool timed_out = false;
  std::string output;  // stdout
  std::string errors;  // stderr
};

// Runs `command` with /bin/sh in its own process group, stdin from
// /dev/null; after `timeout` the group is killed. Output beyond 64 KiB per
// stream is dropped. Throws std::runtime_error when it cannot start.
ShellResult RunShellCommand(const std::string& command,
                            std::chrono::milliseconds timeout);

// Starts `argv` (argv[0] a path) with stdout and stderr appended to `log`
// and stdin from /dev/null. Throws std::runtime_error when it cannot start.
pid_t SpawnLogged(const std::vector<std::string>& argv,
                  const std::filesystem::path& log);

// Waits for any spawned child; its pid and exit code (128 + signal when
// killed), or pid -1 when there are none.
std::pair<pid_t, int> WaitAnyChild();

// "run 'a' 'b c'": argv quoted for /bin/sh, for messages and logs.
std::string ShellQuote(const std::string& word);

}  // namespace jwtconf::harness
