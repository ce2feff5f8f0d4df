// Instants given on the command line: Unix seconds or RFC 3339 date-times.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace jwtconf::harness {

// "1767225600", "-5", "2026-01-01T00:00:00Z", "2026-01-01t01:30:00.25+01:30"
// (RFC 3339 section 5.6; a leap second 60 counts as the next second).
// nullopt for anything else, including out-of-range fields.
std::optional<std::chrono::system_clock::time_point> ParseInstant(
    std::string_view text);

}  // namespace jwtconf::harness
