#include "vector_dealer.h"

#include <utility>

namespace jwtconf::harness {

VectorDealer::VectorDealer(std::size_t total, Progress progress,
                           const std::atomic<bool>* interrupted)
    : total_(total),
      progress_(std::move(progress)),
      interrupted_(interrupted),
      results_(total) {}

std::optional<std::size_t> VectorDealer::Next() {
  if (interrupted_ && interrupted_->load()) return std::nullopt;
  const std::size_t index = next_.fetch_add(1);
  if (index >= total_) return std::nullopt;
  return index;
}

void VectorDealer::Finish(std::size_t index, VectorResult result) {
  std::lock_guard lock(finished_mutex_);
  results_.at(index) = std::move(result);
  ++done_;
  if (progress_) progress_(*results_[index], done_, total_);
}

bool VectorDealer::partial() const {
  std::lock_guard lock(finished_mutex_);
  return done_ < total_;
}

std::vector<VectorResult> VectorDealer::TakeResults() {
  std::lock_guard lock(finished_mutex_);
  std::vector<VectorResult> results;
  results.reserve(done_);
  for (std::optional<VectorResult>& result : results_) {
    if (result) results.push_back(std::move(*result));
  }
  return results;
}

}  // namespace jwtconf::harness
