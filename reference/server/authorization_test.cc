#include "server/authorization.h"

#include <gtest/gtest.h>

namespace jwtconf {
namespace {

constexpr char kToken[] = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

CredentialClassification ClassifyHeader(const std::string& value) {
  return ClassifyCredentials({.authorization_values = {value}});
}

TEST(ClassifyCredentialsTest, BearerHeaderYieldsToken) {
  const auto result = ClassifyHeader(std::string("Bearer ") + kToken);
  EXPECT_EQ(result.kind, CredentialKind::kToken);
  EXPECT_EQ(result.token, kToken);
}

TEST(ClassifyCredentialsTest, SchemeMatchesCaseInsensitively) {
  for (const std::string scheme : {"bearer", "BEARER", "bEaReR"}) {
    const auto result = ClassifyHeader(scheme + " " + kToken);
    EXPECT_EQ(result.kind, CredentialKind::kToken) << scheme;
    EXPECT_EQ(result.token, kToken) << scheme;
  }
}

TEST(ClassifyCredentialsTest, SeveralSpacesBeforeTokenAreValid) {
  const auto result = ClassifyHeader(std::string("Bearer   ") + kToken);
  EXPECT_EQ(result.kind, CredentialKind::kToken);
  EXPECT_EQ(result.token, kToken);
}

TEST(ClassifyCredentialsTest, TrailingEqualsSignsAreValid) {
  const auto result = ClassifyHeader("Bearer abc+/~-._==");
  EXPECT_EQ(result.kind, CredentialKind::kToken);
  EXPECT_EQ(result.token, "abc+/~-._==");
}

TEST(ClassifyCredentialsTest, NoCredentialsIsMissing) {
  const auto result = ClassifyCredentials({});
  EXPECT_EQ(result.kind, CredentialKind::kMissing);
  EXPECT_TRUE(result.token.empty());
}

TEST(ClassifyCredentialsTest, BasicSchemeIsMissing) {
  EXPECT_EQ(ClassifyHeader("Basic dXNlcjpwYXNz").kind,
            CredentialKind::kMissing);
}

TEST(ClassifyCredentialsTest, SchemeWithBearerPrefixIsMissing) {
  EXPECT_EQ(ClassifyHeader(std::string("BearerX ") + kToken).kind,
            CredentialKind::kMissing);
}

TEST(ClassifyCredentialsTest, TwoAuthorizationHeadersAreInvalidRequest) {
  const auto result = ClassifyCredentials(
      {.authorization_values = {std::string("Bearer ") + kToken,
                                std::string("Bearer ") + kToken}});
  EXPECT_EQ(result.kind, CredentialKind::kInvalidRequest);
  EXPECT_TRUE(result.token.empty());
}

TEST(ClassifyCredentialsTest, BearerAndBasicHeadersAreInvalidRequest) {
  EXPECT_EQ(ClassifyCredentials(
                {.authorization_values = {std::string("Bearer ") + kToken,
                                          "Basic dXNlcjpwYXNz"}})
                .kind,
            CredentialKind::kInvalidRequest);
}

TEST(ClassifyCredentialsTest, HeaderAndQueryTokenAreInvalidRequest) {
  EXPECT_EQ(ClassifyCredentials(
                {.authorization_values = {std::string("Bearer ") + kToken},
                 .query_access_token = true})
                .kind,
            CredentialKind::kInvalidRequest);
}

TEST(ClassifyCredentialsTest, HeaderAndBodyTokenAreInvalidRequest) {
  EXPECT_EQ(ClassifyCredentials(
                {.authorization_values = {std::string("Bearer ") + kToken},
                 .body_access_token = true})
                .kind,
            CredentialKind::kInvalidRequest);
}

TEST(ClassifyCredentialsTest, QueryAndBodyTokenAreInvalidRequest) {
  EXPECT_EQ(ClassifyCredentials({.authorization_values = {},
                                 .query_access_token = true,
                                 .body_access_token = true})
                .kind,
            CredentialKind::kInvalidRequest);
}

TEST(ClassifyCredentialsTest, MalformedBearerHeaderWithQueryIsInvalidRequest) {
  EXPECT_EQ(ClassifyCredentials({.authorization_values = {"Bearer"},
                                 .query_access_token = true})
                .kind,
            CredentialKind::kInvalidRequest);
}

TEST(ClassifyCredentialsTest, BearerWithoutTokenIsInvalidRequest) {
  EXPECT_EQ(ClassifyHeader("Bearer").kind, CredentialKind::kInvalidRequest);
  EXPECT_EQ(ClassifyHeader("Bearer ").kind, CredentialKind::kInvalidRequest);
  EXPECT_EQ(ClassifyHeader("Bearer    ").kind, CredentialKind::kInvalidRequest);
}

TEST(ClassifyCredentialsTest, EmptyHeaderIsInvalidRequest) {
  EXPECT_EQ(ClassifyHeader("").kind, CredentialKind::kInvalidRequest);
  EXPECT_EQ(ClassifyHeader(" Bearer abc").kind,
            CredentialKind::kInvalidRequest);
}

TEST(ClassifyCredentialsTest, TabInsteadOfSpaceIsInvalidRequest) {
  EXPECT_EQ(ClassifyHeader(std::string("Bearer\t") + kToken).kind,
            CredentialKind::kInvalidRequest);
  EXPECT_EQ(ClassifyHeader(std::string("Bearer \t") + kToken).kind,
            CredentialKind::kInvalidRequest);
}

TEST(ClassifyCredentialsTest, CharactersOutsideB64TokenAreInvalidRequest) {
  for (const std::string token :
       {"abc def", "abc,def", "abc\"def", "abc%2Edef", "abc:def", "abc def ",
        "abc=def", "=abc", "abc\x01", "abc\xc3\xa9", "abc;"}) {
    EXPECT_EQ(ClassifyHeader("Bearer " + token).kind,
              CredentialKind::kInvalidRequest)
        << token;
  }
}

TEST(ClassifyCredentialsTest, TokenOnlyInQueryIsQueryOnly) {
  const auto result = ClassifyCredentials(
      {.authorization_values = {}, .query_access_token = true});
  EXPECT_EQ(result.kind, CredentialKind::kQueryOnly);
  EXPECT_TRUE(result.token.empty());
}

TEST(ClassifyCredentialsTest, TokenOnlyInBodyIsQueryOnly) {
  EXPECT_EQ(ClassifyCredentials(
                {.authorization_values = {}, .body_access_token = true})
                .kind,
            CredentialKind::kQueryOnly);
}

TEST(ClassifyCredentialsTest, BasicHeaderWithQueryTokenIsQueryOnly) {
  EXPECT_EQ(ClassifyCredentials({.authorization_values = {"Basic dXNlcjpw"},
                                 .query_access_token = true})
                .kind,
            CredentialKind::kQueryOnly);
}

}  // namespace
}  // namespace jwtconf
