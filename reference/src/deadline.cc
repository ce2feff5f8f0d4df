#include "jwtconf/reference/deadline.h"

namespace jwtconf {

Deadline::Deadline(std::chrono::steady_clock::time_point at,
                   std::function<void()> on_expiry) {
  watcher_ = std::thread([this, at, on_expiry = std::move(on_expiry)] {
    std::unique_lock lock(mutex_);
    if (disarmed_.wait_until(lock, at, [this] { return done_; })) return;
    expired_ = true;
    on_expiry();
  });
}

Deadline::~Deadline() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  disarmed_.notify_one();
  watcher_.join();
}

bool Deadline::expired() const {
  std::lock_guard lock(mutex_);
  return expired_;
}

}  // namespace jwtconf
