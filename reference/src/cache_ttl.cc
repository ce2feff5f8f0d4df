#include "cache_ttl.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <optional>
#include <string>

namespace jwtconf {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text[0]))) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

// RFC 9111 §1.2.2: delta-seconds; a value too large to hold saturates.
std::optional<long long> DeltaSeconds(std::string_view text) {
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(),
                   [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }

  long long value = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) {
    return std::numeric_limits<long long>::max();
  }
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::chrono::seconds CacheTtl(std::string_view cache_control,
                              const DiscoveryOptions& options) {
  std::optional<long long> max_age;
  while (!cache_control.empty()) {
    const std::size_t comma = cache_control.find(',');
    const std::string directive =
        Lowercase(Trim(cache_control.substr(0, comma)));
    cache_control = comma == std::string_view::npos
                        ? std::string_view()
                        : cache_control.substr(comma + 1);

    if (directive == "no-store" || directive == "no-cache") {
      return options.min_ttl;
    }

    constexpr std::string_view kMaxAge = "max-age=";
    if (directive.starts_with(kMaxAge) && !max_age) {
      max_age =
          DeltaSeconds(std::string_view(directive).substr(kMaxAge.size()));
    }
  }

  if (!max_age) return options.default_ttl;

  const long long capped =
      std::min<long long>(*max_age, options.max_ttl.count());
  return std::chrono::seconds(
      std::max<long long>(capped, options.min_ttl.count()));
}

}  // namespace jwtconf
