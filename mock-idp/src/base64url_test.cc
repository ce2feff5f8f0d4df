#include <gtest/gtest.h>

#include <string>

#include "jwtconf/mock_idp/signing_key.h"

namespace jwtconf::mockidp {
namespace {

// RFC 4648 section 10 test vectors, unpadded.
TEST(Base64UrlEncodeTest, Rfc4648VectorsWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
}

TEST(Base64UrlEncodeTest, UsesUrlSafeAlphabet) {
  EXPECT_EQ(Base64UrlEncode(std::string("\xfb\xff\xbf", 3)), "-_-_");
  EXPECT_EQ(Base64UrlEncode(std::string("\x00\x00", 2)), "AAA");
}

// RFC 7515 appendix A.1: the protected header of the first example.
TEST(Base64UrlEncodeTest, Rfc7515HeaderExample) {
  const std::string header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
  EXPECT_EQ(Base64UrlEncode(header),
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9");
}

}  // namespace
}  // namespace jwtconf::mockidp
