// The whole-run timeout (`jwtconf run --run-timeout`): when it expires, the
// run is stopped as if interrupted, so it ends with a partial report.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace jwtconf::harness {

class RunDeadline {
 public:
  // Sets `stop` once `limit` has passed, unless destroyed first.
  RunDeadline(std::chrono::seconds limit, std::atomic<bool>& stop);
  ~RunDeadline();
  RunDeadline(const RunDeadline&) = delete;
  RunDeadline& operator=(const RunDeadline&) = delete;

  bool expired() const { return expired_.load(); }

 private:
  std::mutex mutex_;
  std::condition_variable finished_;
  bool done_ = false;
  std::atomic<bool> expired_{false};
  std::thread watcher_;
};

}  // namespace jwtconf::harness
