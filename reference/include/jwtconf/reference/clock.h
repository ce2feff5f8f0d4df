// Time is a parameter of every check, so vectors run at a fixed instant.
#pragma once

#include <atomic>
#include <chrono>

namespace jwtconf {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when told to; safe to read from several threads.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint now) : now_(now.time_since_epoch().count()) {}
  TimePoint Now() const override {
    return TimePoint(TimePoint::duration(now_.load()));
  }
  void Set(TimePoint now) { now_ = now.time_since_epoch().count(); }
  void Advance(std::chrono::seconds by) {
    now_ += std::chrono::duration_cast<TimePoint::duration>(by).count();
  }

 private:
  std::atomic<TimePoint::duration::rep> now_;
};

}  // namespace jwtconf
