#include "server/form_urlencoded.h"

#include <gtest/gtest.h>

namespace jwtconf {
namespace {

TEST(ParseOAuthFormTest, DecodesPlusAndPercentEscapes) {
  const FormParse form = ParseOAuthForm("a=1&b=x%2By+z&c%5F=%3d");
  ASSERT_TRUE(form.parameters) << form.problem;
  EXPECT_EQ(form.parameters->at("a"), "1");
  EXPECT_EQ(form.parameters->at("b"), "x+y z");
  EXPECT_EQ(form.parameters->at("c_"), "=");
}

TEST(ParseOAuthFormTest, EmptyValueIsTreatedAsOmitted) {
  const FormParse form = ParseOAuthForm("a=&b&c=3&");
  ASSERT_TRUE(form.parameters) << form.problem;
  EXPECT_FALSE(form.parameters->contains("a"));
  EXPECT_FALSE(form.parameters->contains("b"));
  EXPECT_EQ(form.parameters->at("c"), "3");
}

TEST(ParseOAuthFormTest, RepeatedParameterIsRefused) {
  EXPECT_FALSE(ParseOAuthForm("a=1&a=2").parameters);
  EXPECT_FALSE(ParseOAuthForm("a=&a=2").parameters);
  EXPECT_FALSE(ParseOAuthForm("a=1&%61=2").parameters);
}

TEST(ParseOAuthFormTest, MalformedEscapeIsRefused) {
  EXPECT_FALSE(ParseOAuthForm("a=%zz").parameters);
  EXPECT_FALSE(ParseOAuthForm("a=%2").parameters);
  EXPECT_FALSE(ParseOAuthForm("%=1").parameters);
}

TEST(ParseOAuthFormTest, EmptyBodyHasNoParameters) {
  const FormParse form = ParseOAuthForm("");
  ASSERT_TRUE(form.parameters);
  EXPECT_TRUE(form.parameters->empty());
}

TEST(HasUrlEncodedParameterTest, FindsParameterAnywhere) {
  EXPECT_TRUE(HasUrlEncodedParameter("access_token=abc", "access_token"));
  EXPECT_TRUE(
      HasUrlEncodedParameter("a=1&access_token=abc&b=2", "access_token"));
  EXPECT_TRUE(HasUrlEncodedParameter("a=1&access_token", "access_token"));
  EXPECT_TRUE(HasUrlEncodedParameter("access_token=", "access_token"));
}

TEST(HasUrlEncodedParameterTest, DecodesPercentEscapesInNames) {
  EXPECT_TRUE(HasUrlEncodedParameter("access%5Ftoken=abc", "access_token"));
  EXPECT_TRUE(HasUrlEncodedParameter("a+b=1", "a b"));
}

TEST(HasUrlEncodedParameterTest, IgnoresOtherNamesAndValues) {
  EXPECT_FALSE(HasUrlEncodedParameter("", "access_token"));
  EXPECT_FALSE(HasUrlEncodedParameter("x=access_token", "access_token"));
  EXPECT_FALSE(HasUrlEncodedParameter("access_tokens=1", "access_token"));
  EXPECT_FALSE(HasUrlEncodedParameter("my_access_token=1", "access_token"));
  EXPECT_FALSE(HasUrlEncodedParameter("%zz=1&a%", "access_token"));
}

}  // namespace
}  // namespace jwtconf
