#include "shard.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace jwtconf::harness {
namespace {

// A whole decimal number with nothing around it, or -1.
int Number(std::string_view text) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) return -1;
  return value;
}

}  // namespace

Shard ParseShard(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    throw std::invalid_argument("expected I/N, e.g. 2/4, got '" +
                                std::string(text) + "'");
  }
  const int index = Number(text.substr(0, slash));
  const int count = Number(text.substr(slash + 1));
  if (index < 0 || count < 0) {
    throw std::invalid_argument("I and N must be whole numbers, got '" +
                                std::string(text) + "'");
  }
  if (count < 1 || index < 1 || index > count) {
    throw std::invalid_argument("need 1 <= I <= N, got '" + std::string(text) +
                                "'");
  }
  return Shard{.index = index, .count = count};
}

std::string ShardName(const Shard& shard) {
  return std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

std::set<std::string> ShardIds(std::vector<std::string> ids,
                               const Shard& shard) {
  std::sort(ids.begin(), ids.end());
  std::set<std::string> selected;
  for (std::size_t position = 0; position < ids.size(); ++position) {
    if (static_cast<int>(position % shard.count) + 1 == shard.index) {
      selected.insert(ids[position]);
    }
  }
  return selected;
}

}  // namespace jwtconf::harness
