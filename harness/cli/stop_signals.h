// How the long-running subcommands (reference-server, mock-idp) wait: until
// SIGINT, SIGTERM or their --duration, whichever comes first.
#pragma once

#include <signal.h>

#include <chrono>

namespace jwtconf::harness {

// Blocks SIGINT and SIGTERM in this thread and every thread it starts, so
// they can be awaited with sigtimedwait; the old mask returns on scope exit.
// Create it before starting server threads.
class BlockedStopSignals {
 public:
  BlockedStopSignals();
  ~BlockedStopSignals();
  BlockedStopSignals(const BlockedStopSignals&) = delete;
  BlockedStopSignals& operator=(const BlockedStopSignals&) = delete;

  // Returns when a stop signal arrives or `duration` has passed.
  void WaitFor(std::chrono::seconds duration) const;

 private:
  sigset_t signals_;
  sigset_t previous_;
};

}  // namespace jwtconf::harness
