#include "base64url.h"

#include <array>
#include <cstdint>

namespace jwtconf {
namespace {

constexpr std::int8_t kNotInAlphabet = -1;

// The 6-bit value of each byte, or kNotInAlphabet.
constexpr std::array<std::int8_t, 256> kSextets = [] {
  std::array<std::int8_t, 256> table{};
  table.fill(kNotInAlphabet);
  for (int i = 0; i < 26; ++i) {
    table['A' + i] = static_cast<std::int8_t>(i);
    table['a' + i] = static_cast<std::int8_t>(26 + i);
  }
  for (int i = 0; i < 10; ++i)
    table['0' + i] = static_cast<std::int8_t>(52 + i);
  table['-'] = 62;
  table['_'] = 63;
  return table;
}();

}  // namespace

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  // A single leftover character carries only 6 bits: never a whole byte.
  if (text.size() % 4 == 1) return std::nullopt;

  // Decoded into a buffer of the exact final size, no reallocation.
  std::string out(text.size() * 3 / 4, '\0');
  std::size_t written = 0;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const std::int8_t sextet = kSextets[static_cast<unsigned char>(c)];
    if (sextet == kNotInAlphabet) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(sextet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = static_cast<char>((buffer >> bits) & 0xFF);
    }
  }

  // Non-canonical encodings set bits that no byte uses.
  const std::uint32_t unused = buffer & ((1u << bits) - 1);
  if (unused != 0) return std::nullopt;

  return out;
}

}  // namespace jwtconf
