// Deals a suite's vectors out to workers running in parallel and collects
// their results in suite order, so reports read the same whatever the
// number of workers and whichever finished first.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "run_result.h"

namespace jwtconf::harness {

class VectorDealer {
 public:
  // Called once per finished vector, never by two workers at once; `done`
  // counts the vectors finished so far.
  using Progress = std::function<void(const VectorResult&, std::size_t done,
                                      std::size_t total)>;

  // `interrupted` (may be null) stops the dealing: vectors already dealt
  // finish, no new one is handed out.
  VectorDealer(std::size_t total, Progress progress,
               const std::atomic<bool>* interrupted);

  // The index of the next vector to run; nullopt when every vector has been
  // dealt or the run was interrupted.
  std::optional<std::size_t> Next();
  // Stores the result of the vector `Next()` gave as `index`.
  void Finish(std::size_t index, VectorResult result);

  // Whether some vector was never run (an interrupted run).
  bool partial() const;
  // The results of the vectors that ran, in suite order. Call once all
  // workers have stopped.
  std::vector<VectorResult> TakeResults();

 private:
  const std::size_t total_;
  const Progress progress_;
  const std::atomic<bool>* const interrupted_;
  std::atomic<std::size_t> next_{0};
  mutable std::mutex finished_mutex_;  // guards the members below, progress_
  std::vector<std::optional<VectorResult>> results_;
  std::size_t done_ = 0;
};

}  // namespace jwtconf::harness
