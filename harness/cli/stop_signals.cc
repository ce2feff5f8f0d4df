#include "stop_signals.h"

#include <pthread.h>

#include <cerrno>
#include <ctime>

namespace jwtconf::harness {

BlockedStopSignals::BlockedStopSignals() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
}

BlockedStopSignals::~BlockedStopSignals() {
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

void BlockedStopSignals::WaitFor(std::chrono::seconds duration) const {
  const auto deadline = std::chrono::steady_clock::now() + duration;
  for (;;) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return;

    const auto whole = std::chrono::duration_cast<std::chrono::seconds>(left);
    const auto nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(left - whole);
    const timespec timeout{static_cast<time_t>(whole.count()),
                           static_cast<long>(nanos.count())};
    if (sigtimedwait(&signals_, nullptr, &timeout) >= 0) return;
    if (errno != EAGAIN && errno != EINTR) return;
  }
}

}  // namespace jwtconf::harness
