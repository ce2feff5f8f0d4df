#include "url.h"

#include <gtest/gtest.h>

namespace jwtconf {
namespace {

TEST(ParseUrl, SplitsAllParts) {
  const std::optional<Url> url =
      ParseUrl("HTTPS://Issuer.Example:8443/a/b?x=1#f");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "issuer.example");
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(url->path, "/a/b");
  EXPECT_EQ(url->query, "x=1");
  EXPECT_EQ(url->fragment, "f");
  EXPECT_EQ(url->Target(), "/a/b?x=1");
  EXPECT_EQ(url->Origin(), "https://issuer.example:8443");
}

TEST(ParseUrl, DefaultsPortAndPath) {
  const std::optional<Url> url = ParseUrl("http://h");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->port, 80);
  EXPECT_EQ(url->path, "/");
  EXPECT_EQ(ParseUrl("https://h")->port, 443);
}

TEST(ParseUrl, AcceptsBracketedIpv6) {
  const std::optional<Url> url = ParseUrl("http://[::1]:9000/jwks");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 9000);
  EXPECT_EQ(url->Origin(), "http://[::1]:9000");
}

TEST(ParseUrl, RefusesOtherSchemesUserInfoAndBadPorts) {
  EXPECT_FALSE(ParseUrl("ftp://h/"));
  EXPECT_FALSE(ParseUrl("https://user@h/"));
  EXPECT_FALSE(ParseUrl("https://h:0/"));
  EXPECT_FALSE(ParseUrl("https://h:65536/"));
  EXPECT_FALSE(ParseUrl("https://h:/"));
  EXPECT_FALSE(ParseUrl("https:///path"));
  EXPECT_FALSE(ParseUrl("https://h /"));
  EXPECT_FALSE(ParseUrl("https://[::1/"));
  EXPECT_FALSE(ParseUrl("/relative"));
}

TEST(ResolveLocation, ResolvesEveryReferenceForm) {
  const Url base = *ParseUrl("http://h:8080/dir/doc");
  EXPECT_EQ(ResolveLocation(base, "http://o/x")->Origin(), "http://o:80");
  EXPECT_EQ(ResolveLocation(base, "//o:81/x")->Origin(), "http://o:81");
  EXPECT_EQ(ResolveLocation(base, "/x?q")->Target(), "/x?q");
  EXPECT_EQ(ResolveLocation(base, "y")->Target(), "/dir/y");
  EXPECT_EQ(ResolveLocation(base, "y")->Origin(), "http://h:8080");
}

}  // namespace
}  // namespace jwtconf
