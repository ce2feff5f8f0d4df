#include "media_type.h"

#include <cctype>

namespace jwtconf {

bool HasMediaType(std::string_view content_type, std::string_view media_type) {
  std::string_view essence = content_type.substr(0, content_type.find(';'));
  while (!essence.empty() &&
         std::isspace(static_cast<unsigned char>(essence.back()))) {
    essence.remove_suffix(1);
  }
  while (!essence.empty() &&
         std::isspace(static_cast<unsigned char>(essence.front()))) {
    essence.remove_prefix(1);
  }

  if (essence.size() != media_type.size()) return false;

  for (std::size_t i = 0; i < essence.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(essence[i])) !=
        std::tolower(static_cast<unsigned char>(media_type[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace jwtconf
