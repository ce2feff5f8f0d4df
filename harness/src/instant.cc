#include "instant.h"

#include <charconv>
#include <cstdint>
#include <regex>
#include <string>

namespace jwtconf::harness {
namespace {

using std::chrono::system_clock;

// system_clock counts nanoseconds in 64 bits here: about 1677 to 2262.
// Instants are checked against a slightly narrower range, in seconds,
// before any conversion can wrap around.
constexpr std::int64_t kLimitSeconds = 9'000'000'000;  // about 2255

std::optional<system_clock::time_point> InRange(std::chrono::sys_seconds at) {
  const std::int64_t seconds = at.time_since_epoch().count();
  if (seconds < -kLimitSeconds || seconds > kLimitSeconds) return std::nullopt;
  return system_clock::time_point(at.time_since_epoch());
}

int Number(const std::string& digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

std::optional<system_clock::time_point> ParseUnixSeconds(
    std::string_view text) {
  std::int64_t seconds = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, seconds);
  if (error != std::errc() || stop != end) return std::nullopt;
  return InRange(std::chrono::sys_seconds(std::chrono::seconds(seconds)));
}

std::optional<system_clock::time_point> ParseRfc3339(std::string_view text) {
  static const std::regex kDateTime(
      R"(^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?)"
      R"(([Zz]|([+-])(\d{2}):(\d{2}))$)");
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_match(text.begin(), text.end(), match, kDateTime)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{
      std::chrono::year(Number(match[1])),
      std::chrono::month(static_cast<unsigned>(Number(match[2]))),
      std::chrono::day(static_cast<unsigned>(Number(match[3])))};
  const int hour = Number(match[4]);
  const int minute = Number(match[5]);
  const int second = Number(match[6]);
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }

  std::chrono::sys_seconds whole =
      std::chrono::sys_days(date) + std::chrono::hours(hour) +
      std::chrono::minutes(minute) + std::chrono::seconds(second);
  if (match[9].matched) {
    const int offset_hours = Number(match[10]);
    const int offset_minutes = Number(match[11]);
    if (offset_hours > 23 || offset_minutes > 59) return std::nullopt;
    const auto offset =
        std::chrono::hours(offset_hours) + std::chrono::minutes(offset_minutes);
    // Local time = UTC + offset, so UTC = local time - offset.
    whole += match[9] == "+" ? -offset : offset;
  }
  std::optional<system_clock::time_point> time = InRange(whole);
  if (time && match[7].matched) {
    // Microseconds are finer than any NumericDate check needs.
    std::string fraction = match[7].str().substr(1);
    fraction = (fraction + "000000").substr(0, 6);
    *time += std::chrono::microseconds(Number(fraction));
  }
  return time;
}

}  // namespace

std::optional<system_clock::time_point> ParseInstant(std::string_view text) {
  if (auto unix_time = ParseUnixSeconds(text)) return unix_time;
  return ParseRfc3339(text);
}

}  // namespace jwtconf::harness
