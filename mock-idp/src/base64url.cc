// Own encoder rather than OpenSSL's: EVP_EncodeBlock pads and uses the
// standard alphabet, and a small table is easier to audit than a fix-up pass.
#include <cstdint>
#include <string>
#include <string_view>

#include "jwtconf/mock_idp/signing_key.h"

namespace jwtconf::mockidp {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);

  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t block = static_cast<std::uint8_t>(bytes[i]) << 16 |
                                static_cast<std::uint8_t>(bytes[i + 1]) << 8 |
                                static_cast<std::uint8_t>(bytes[i + 2]);
    out += kAlphabet[(block >> 18) & 0x3f];
    out += kAlphabet[(block >> 12) & 0x3f];
    out += kAlphabet[(block >> 6) & 0x3f];
    out += kAlphabet[block & 0x3f];
  }

  // RFC 7515 section 2: the trailing '=' padding is omitted.
  const std::size_t rest = bytes.size() - i;
  if (rest == 0) return out;
  std::uint32_t block = static_cast<std::uint8_t>(bytes[i]) << 16;
  if (rest == 2) block |= static_cast<std::uint8_t>(bytes[i + 1]) << 8;
  out += kAlphabet[(block >> 18) & 0x3f];
  out += kAlphabet[(block >> 12) & 0x3f];
  if (rest == 2) out += kAlphabet[(block >> 6) & 0x3f];
  return out;
}

}  // namespace jwtconf::mockidp
