#include "http_request.h"

#include <gtest/gtest.h>

#include "http_expectation.h"

namespace jwtconf::harness {
namespace {

using nlohmann::json;

PlaceholderValues Values() {
  PlaceholderValues values;
  values.issuer = "https://127.0.0.1:1/suite";
  values.audience = "https://rs.jwtconf.test";
  values.token_endpoint = "http://127.0.0.1:2/token";
  values.nonce = "n0";
  return values;
}

TEST(ExpandRequestTest, NullSpecIsBearerHeaderAtResource) {
  const HttpRequest request = ExpandRequest(nullptr, "t.o.k", Values());
  EXPECT_FALSE(request.token_endpoint);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.authorization, std::vector<std::string>{"Bearer t.o.k"});
  EXPECT_TRUE(request.query.empty());
  EXPECT_FALSE(request.form);
}

TEST(ExpandRequestTest, TokenIsInsertedAsIsAndOtherPlaceholdersExpand) {
  const json spec = {{"authorization", {"bearer ${token}", "x ${nonce}"}},
                     {"query", "access_token=${token}"}};
  const HttpRequest request = ExpandRequest(spec, "a${issuer}b", Values());
  EXPECT_EQ(request.authorization,
            (std::vector<std::string>{"bearer a${issuer}b", "x n0"}));
  EXPECT_EQ(request.query, "access_token=a${issuer}b");
}

TEST(ExpandRequestTest, TokenEndpointDefaultsToPostWithoutHeader) {
  const json spec = {{"endpoint", "token"},
                     {"form", "assertion=${token}&aud=${token_endpoint}"}};
  const HttpRequest request = ExpandRequest(spec, "jwt", Values());
  EXPECT_TRUE(request.token_endpoint);
  EXPECT_EQ(request.method, "POST");
  EXPECT_TRUE(request.authorization.empty());
  EXPECT_EQ(request.form, "assertion=jwt&aud=http://127.0.0.1:2/token");
}

TEST(ExpandRequestTest, EmptyAuthorizationListSendsNoHeader) {
  const HttpRequest request =
      ExpandRequest(json{{"authorization", json::array()}}, "t", Values());
  EXPECT_TRUE(request.authorization.empty());
}

TEST(CheckRequestSpecTest, NamesTheBadMember) {
  EXPECT_FALSE(CheckRequestSpec(json{{"method", "POST"}, {"form", "a=b"}}));
  const auto unknown = CheckRequestSpec(json{{"header", "x"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->field, "header");
  const auto method = CheckRequestSpec(json{{"method", "get"}});
  ASSERT_TRUE(method);
  EXPECT_EQ(method->field, "method");
  const auto form = CheckRequestSpec(json{{"method", "GET"}, {"form", "a"}});
  ASSERT_TRUE(form);
  EXPECT_EQ(form->field, "form");
  const auto line = CheckRequestSpec(json{{"authorization", "a\r\nb: c"}});
  ASSERT_TRUE(line);
  EXPECT_EQ(line->field, "authorization");
  EXPECT_TRUE(CheckRequestSpec(json{{"endpoint", "other"}}));
  EXPECT_TRUE(CheckRequestSpec(json::array()));
}

TEST(ParseExpectHttpTest, ParsesEveryMember) {
  ExpectHttp expect;
  EXPECT_FALSE(ParseExpectHttp(
      json{{"status", {400, 401}},
           {"www_authenticate", {{"scheme", "Bearer"}, {"error", nullptr}}},
           {"oauth_error", "invalid_grant"},
           {"echoes_token", false}},
      expect));
  EXPECT_EQ(expect.statuses, (std::vector<int>{400, 401}));
  EXPECT_EQ(expect.challenge_scheme, "Bearer");
  EXPECT_EQ(expect.challenge_errors, std::vector<std::string>{""});
  EXPECT_EQ(expect.oauth_errors, std::vector<std::string>{"invalid_grant"});
  EXPECT_TRUE(expect.no_token_echo);
}

TEST(ParseExpectHttpTest, RefusesBadMembers) {
  ExpectHttp expect;
  EXPECT_EQ(ParseExpectHttp(json{{"status", 99}}, expect)->field, "status");
  EXPECT_EQ(ParseExpectHttp(json{{"echoes_token", true}}, expect)->field,
            "echoes_token");
  EXPECT_EQ(
      ParseExpectHttp(json{{"www_authenticate", {{"error", "x"}}}}, expect)
          ->field,
      "www_authenticate.scheme");
  EXPECT_EQ(ParseExpectHttp(json::object(), expect)->field, "");
  EXPECT_EQ(ParseExpectHttp(json{{"body", 1}}, expect)->field, "body");
}

TEST(ParseChallengesTest, ReadsSchemesParamsAndToken68) {
  const std::vector<Challenge> challenges = ParseChallenges(
      {R"(Bearer realm="api", error="invalid_token", error_description="a, \"b\"")",
       "Basic realm=x, Newauth abc==, Bearer"});
  ASSERT_EQ(challenges.size(), 4u);
  EXPECT_EQ(challenges[0].scheme, "Bearer");
  ASSERT_EQ(challenges[0].params.size(), 3u);
  EXPECT_EQ(challenges[0].params[1],
            (std::pair<std::string, std::string>{"error", "invalid_token"}));
  EXPECT_EQ(challenges[0].params[2].second, "a, \"b\"");
  EXPECT_EQ(challenges[1].scheme, "Basic");
  EXPECT_EQ(challenges[2].scheme, "Newauth");
  EXPECT_EQ(challenges[2].token68, "abc");
  EXPECT_EQ(challenges[3].scheme, "Bearer");
  EXPECT_TRUE(challenges[3].params.empty());
}

TEST(ParseChallengesTest, ParamNamesAreLowercased) {
  const auto challenges = ParseChallenges({"bearer ERROR=invalid_request"});
  ASSERT_EQ(challenges.size(), 1u);
  EXPECT_EQ(challenges[0].params[0].first, "error");
}

TEST(QuotesTokenTest, WholeTokenOrSignature) {
  const std::string token = "aaaaaaaaaaaa.bbbbbbbbbbbb.cccccccccccccccccccc";
  EXPECT_TRUE(QuotesToken("x " + token + " y", token));
  EXPECT_TRUE(QuotesToken("sig cccccccccccccccccccc", token));
  EXPECT_FALSE(QuotesToken("aaaaaaaaaaaa.bbbbbbbbbbbb", token));
  EXPECT_FALSE(QuotesToken("abc", "abc"));
}

Observation Answer(int status, std::vector<std::string> challenges) {
  Observation observation;
  observation.verdict = Verdict::kReject;
  observation.http_status = status;
  observation.www_authenticate = std::move(challenges);
  return observation;
}

TEST(HttpProblemTest, BareChallengeMatchesNoErrorExpectation) {
  ExpectHttp expect{.statuses = {401},
                    .challenge_scheme = "Bearer",
                    .challenge_errors = {""}};
  EXPECT_EQ(HttpProblem(expect, Answer(401, {"Bearer"})), "");
  EXPECT_EQ(HttpProblem(expect, Answer(401, {R"(Bearer realm="x")"})), "");
  EXPECT_EQ(
      HttpProblem(expect, Answer(401, {R"(Bearer error="invalid_token")"})),
      "WWW-Authenticate error invalid_token, expected none: "
      "'Bearer error=\"invalid_token\"'");
  EXPECT_EQ(HttpProblem(expect, Answer(401, {})),
            "no Bearer challenge in WWW-Authenticate: none");
  EXPECT_EQ(HttpProblem(expect, Answer(400, {"Bearer"})),
            "HTTP 400, expected 401");
}

TEST(HttpProblemTest, ErrorCodeAndSchemeCase) {
  ExpectHttp expect{.challenge_scheme = "Bearer",
                    .challenge_errors = {"invalid_token"}};
  EXPECT_EQ(
      HttpProblem(expect, Answer(401, {R"(BEARER error="invalid_token")"})),
      "");
  EXPECT_EQ(HttpProblem(expect, Answer(401, {"Basic realm=x"})),
            "no Bearer challenge in WWW-Authenticate: 'Basic realm=x'");
}

TEST(HttpProblemTest, OAuthErrorAndEcho) {
  ExpectHttp expect{.oauth_errors = {"invalid_grant"}, .no_token_echo = true};
  Observation observation = Answer(400, {});
  observation.oauth_error = "invalid_client";
  EXPECT_EQ(HttpProblem(expect, observation),
            "error invalid_client, expected invalid_grant");
  observation.oauth_error = "invalid_grant";
  observation.echoed_token = true;
  EXPECT_EQ(HttpProblem(expect, observation), "the response quotes the token");
}

TEST(HttpProblemTest, TargetsWithoutHttpAreJudgedOnVerdictOnly) {
  ExpectHttp expect{.statuses = {401}};
  Observation observation;
  observation.verdict = Verdict::kReject;
  EXPECT_EQ(HttpProblem(expect, observation), "");
}

}  // namespace
}  // namespace jwtconf::harness
