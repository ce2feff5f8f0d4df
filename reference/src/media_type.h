// Content-Type matching for discovery responses.
#pragma once

#include <string_view>

namespace jwtconf {

// True when `content_type` names `media_type`, case-insensitively, ignoring
// parameters such as `; charset=utf-8` (RFC 9110 §8.3.1).
bool HasMediaType(std::string_view content_type, std::string_view media_type);

}  // namespace jwtconf
