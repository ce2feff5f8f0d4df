#include "base64url.h"

#include <cstdint>

namespace jwtconf {
namespace {

// The 6-bit value of a base64url character, or -1 outside the alphabet.
int SextetOf(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  // A single leftover character carries only 6 bits: never a whole byte.
  if (text.size() % 4 == 1) return std::nullopt;

  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int sextet = SextetOf(c);
    if (sextet < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(sextet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }

  // Non-canonical encodings set bits that no byte uses.
  const std::uint32_t unused = buffer & ((1u << bits) - 1);
  if (unused != 0) return std::nullopt;

  return out;
}

}  // namespace jwtconf
