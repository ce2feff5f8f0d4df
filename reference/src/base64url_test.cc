#include "base64url.h"

#include <gtest/gtest.h>

namespace jwtconf {
namespace {

TEST(Base64UrlDecode, DecodesEveryLengthClass) {
  EXPECT_EQ(Base64UrlDecode(""), "");
  EXPECT_EQ(Base64UrlDecode("Zg"), "f");
  EXPECT_EQ(Base64UrlDecode("Zm8"), "fo");
  EXPECT_EQ(Base64UrlDecode("Zm9v"), "foo");
}

TEST(Base64UrlDecode, DecodesUrlAlphabet) {
  EXPECT_EQ(Base64UrlDecode("-_8"), "\xfb\xff");
}

TEST(Base64UrlDecode, PaddingIsRefused) {
  EXPECT_EQ(Base64UrlDecode("Zg=="), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm8="), std::nullopt);
}

TEST(Base64UrlDecode, StandardAlphabetIsRefused) {
  EXPECT_EQ(Base64UrlDecode("+/8"), std::nullopt);
}

TEST(Base64UrlDecode, WhitespaceIsRefused) {
  EXPECT_EQ(Base64UrlDecode("Zm9v Zm9v"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm9v\n"), std::nullopt);
}

TEST(Base64UrlDecode, LengthOneModFourIsRefused) {
  EXPECT_EQ(Base64UrlDecode("Z"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm9vZ"), std::nullopt);
}

TEST(Base64UrlDecode, NonCanonicalTrailingBitsAreRefused) {
  EXPECT_EQ(Base64UrlDecode("Zh"), std::nullopt);   // "Zg" with a stray bit
  EXPECT_EQ(Base64UrlDecode("Zm9"), std::nullopt);  // "Zm8" with stray bits
}

}  // namespace
}  // namespace jwtconf
