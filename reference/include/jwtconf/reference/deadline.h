// A watchdog for blocking calls that have no overall timeout of their own
// (cpp-httplib 0.11 bounds each read, not a whole request): after `timeout`
// it runs `on_expiry` once, e.g. a client's stop(), unless destroyed first.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace jwtconf {

class Deadline {
 public:
  Deadline(std::chrono::steady_clock::time_point at,
           std::function<void()> on_expiry);
  ~Deadline();  // disarms, and waits for a running on_expiry to finish
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;

  bool expired() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable disarmed_;
  bool done_ = false;
  bool expired_ = false;
  std::thread watcher_;
};

}  // namespace jwtconf
