// Exit codes of every jwtconf subcommand, and how a subcommand's callback
// hands one to main().
#pragma once

#include <stdexcept>
#include <string>

namespace jwtconf::harness {

inline constexpr int kExitOk = 0;
inline constexpr int kExitMismatch = 1;     // a vector failed or errored
inline constexpr int kExitUsage = 2;        // bad arguments or input files
inline constexpr int kExitRunFailed = 3;    // the run could not start or finish
inline constexpr int kExitRunTimedOut = 4;  // --run-timeout expired: partial
inline constexpr int kExitInterrupted = 130;

// A failure with a message for the user; main() prints it and exits `code`.
class CommandError : public std::runtime_error {
 public:
  CommandError(const std::string& message, int code)
      : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// Thrown by ExitWith to carry a non-zero exit code out of a CLI11 callback.
struct CommandExit {
  int code;
};

inline void ExitWith(int code) {
  if (code != kExitOk) throw CommandExit{code};
}

}  // namespace jwtconf::harness
