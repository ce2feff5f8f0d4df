#include "run_deadline.h"

namespace jwtconf::harness {

RunDeadline::RunDeadline(std::chrono::seconds limit, std::atomic<bool>& stop) {
  watcher_ = std::thread([this, limit, &stop] {
    std::unique_lock lock(mutex_);
    if (finished_.wait_for(lock, limit, [this] { return done_; })) return;
    expired_ = true;
    stop = true;
  });
}

RunDeadline::~RunDeadline() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  finished_.notify_one();
  watcher_.join();
}

}  // namespace jwtconf::harness
