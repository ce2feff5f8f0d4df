#include "http_expectation.h"

#include <algorithm>

#include "http_request.h"

namespace jwtconf::harness {
namespace {

// Header values can quote anything; reports get a bounded, printable copy.
constexpr std::size_t kMaxShown = 120;

std::string Shown(const std::vector<std::string>& values) {
  if (values.empty()) return "none";
  std::string text;
  for (const std::string& value : values) {
    text += (text.empty() ? "'" : ", '") + value + "'";
  }
  if (text.size() > kMaxShown) text = text.substr(0, kMaxShown) + "...";
  for (char& c : text) {
    if (c < 0x20 || c > 0x7e) c = '?';
  }
  return text;
}

std::string Listed(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) {
    text += (text.empty() ? "" : "|") + (item.empty() ? "none" : item);
  }
  return text;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    return lower(x) == lower(y);
  });
}

std::string ChallengeProblem(const ExpectHttp& expect,
                             const Observation& observation) {
  const std::vector<Challenge> challenges =
      ParseChallenges(observation.www_authenticate);
  // RFC 9110 §11.1: scheme names are case-insensitive.
  const auto challenge = std::find_if(
      challenges.begin(), challenges.end(), [&](const Challenge& c) {
        return EqualsIgnoreAsciiCase(c.scheme, expect.challenge_scheme);
      });
  if (challenge == challenges.end()) {
    return "no " + expect.challenge_scheme +
           " challenge in WWW-Authenticate: " +
           Shown(observation.www_authenticate);
  }

  if (expect.challenge_errors.empty()) return "";

  std::string error;  // "": no error attribute
  for (const auto& [name, value] : challenge->params) {
    if (name == "error") error = value;
  }
  if (std::find(expect.challenge_errors.begin(), expect.challenge_errors.end(),
                error) == expect.challenge_errors.end()) {
    return "WWW-Authenticate error " + (error.empty() ? "none" : error) +
           ", expected " + Listed(expect.challenge_errors) + ": " +
           Shown(observation.www_authenticate);
  }
  return "";
}

}  // namespace

std::string HttpProblem(const ExpectHttp& expect,
                        const Observation& observation) {
  if (observation.http_status == 0) return "";

  if (!expect.statuses.empty() &&
      std::find(expect.statuses.begin(), expect.statuses.end(),
                observation.http_status) == expect.statuses.end()) {
    std::string expected;
    for (const int status : expect.statuses) {
      expected += (expected.empty() ? "" : "|") + std::to_string(status);
    }
    return "HTTP " + std::to_string(observation.http_status) + ", expected " +
           expected;
  }

  // HTTP-2, HTTP-3: the challenge and its error code (RFC 6750 §3).
  if (!expect.challenge_scheme.empty()) {
    if (std::string problem = ChallengeProblem(expect, observation);
        !problem.empty()) {
      return problem;
    }
  }

  // HTTP-7: the token endpoint's error code (RFC 6749 §5.2).
  if (!expect.oauth_errors.empty() &&
      std::find(expect.oauth_errors.begin(), expect.oauth_errors.end(),
                observation.oauth_error) == expect.oauth_errors.end()) {
    return "error " +
           (observation.oauth_error.empty() ? "none"
                                            : observation.oauth_error) +
           ", expected " + Listed(expect.oauth_errors);
  }

  // HTTP-8: the response does not quote the token.
  if (expect.no_token_echo && observation.echoed_token) {
    return "the response quotes the token";
  }
  return "";
}

}  // namespace jwtconf::harness
