// Fuzzes strict base64url decoding (RFC 7515 §2, JWS-1): every input gets an
// answer, and an accepted one decodes to exactly floor(6n / 8) bytes from
// the alphabet alone.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base64url.h"

namespace {

bool IsBase64UrlCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto decoded = jwtconf::Base64UrlDecode(text);
  if (!decoded) return 0;

  // Accepted text is unpadded base64url only, so its length fixes the output.
  for (const char c : text) {
    if (!IsBase64UrlCharacter(c)) std::abort();
  }
  if (decoded->size() != size * 6 / 8) std::abort();
  return 0;
}
