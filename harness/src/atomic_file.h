// Writes report files so that a reader never sees a half-written one.
#pragma once

#include <filesystem>
#include <string_view>

namespace jwtconf::harness {

// Creates the parent folders, writes `content` to a temporary file in the
// same folder, flushes it to disk and renames it over `path`. Throws
// std::runtime_error naming the path and the system error on failure; the
// temporary file is removed then.
void WriteFileAtomically(const std::filesystem::path& path,
                         std::string_view content);

}  // namespace jwtconf::harness
