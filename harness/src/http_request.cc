#include "http_request.h"

#include <set>

namespace jwtconf::harness {
namespace {

using nlohmann::json;

constexpr std::string_view kTokenPlaceholder = "${token}";
constexpr std::string_view kTokenEndpointPlaceholder = "${token_endpoint}";
// Shorter tokens and signatures are too common as text to count as echoes.
constexpr std::size_t kMinEchoLength = 16;

const std::set<std::string> kRequestMembers = {
    "endpoint", "method", "authorization", "query", "form"};
const std::set<std::string> kMethods = {"GET", "POST", "PUT", "PATCH",
                                        "DELETE"};
const std::set<std::string> kBodyMethods = {"POST", "PUT", "PATCH"};
const std::set<std::string> kExpectMembers = {"status", "www_authenticate",
                                              "oauth_error", "echoes_token"};

SpecProblem Problem(std::string field, std::string problem) {
  return {std::move(field), std::move(problem)};
}

// A string, or a list of strings.
std::optional<std::vector<std::string>> Strings(const json& value) {
  if (value.is_string()) return std::vector<std::string>{value};
  if (!value.is_array()) return std::nullopt;
  std::vector<std::string> items;
  for (const json& item : value) {
    if (!item.is_string()) return std::nullopt;
    items.push_back(item);
  }
  return items;
}

// A header value must not end the header early.
bool HasLineBreak(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) !=
         std::string_view::npos;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// `template_text` with ${token} replaced by `token` as is and the other
// placeholders by their values.
std::string Expand(const std::string& template_text, const std::string& token,
                   const PlaceholderValues& values) {
  std::string expanded;
  std::size_t start = 0;
  while (true) {
    const std::size_t found = template_text.find(kTokenPlaceholder, start);
    expanded += SubstituteText(
        std::string_view(template_text).substr(start, found - start), values);
    if (found == std::string::npos) return expanded;
    expanded += token;
    start = found + kTokenPlaceholder.size();
  }
}

bool IsTchar(char c) {
  static constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || kExtra.find(c) != std::string_view::npos;
}

bool IsToken68Char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
         c == '~' || c == '+' || c == '/';
}

// A cursor over one header value.
class ChallengeReader {
 public:
  explicit ChallengeReader(std::string_view text) : text_(text) {}

  void Parse(std::vector<Challenge>& out) {
    while (true) {
      SkipListSeparators();
      if (AtEnd()) return;
      Challenge challenge;
      challenge.scheme = Token();
      if (challenge.scheme.empty()) return;
      if (!AtEnd() && Peek() != ' ' && Peek() != ',') return;
      SkipSpaces();
      const bool well_formed = ReadCredentials(challenge);
      out.push_back(std::move(challenge));
      if (!well_formed) return;
    }
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  void SkipSpaces() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t')) ++pos_;
  }

  void SkipListSeparators() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == ',')) {
      ++pos_;
    }
  }

  std::string Token() {
    const std::size_t start = pos_;
    while (!AtEnd() && IsTchar(Peek())) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  std::optional<std::string> QuotedString() {
    std::string value;
    ++pos_;  // opening quote
    while (!AtEnd() && Peek() != '"') {
      if (Peek() == '\\') ++pos_;
      if (AtEnd()) return std::nullopt;
      value += text_[pos_++];
    }
    if (AtEnd()) return std::nullopt;
    ++pos_;  // closing quote
    return value;
  }

  // token68 or a list of auth-params, up to the next challenge. False on a
  // syntax error.
  bool ReadCredentials(Challenge& challenge) {
    const std::size_t start = pos_;
    while (!AtEnd() && IsToken68Char(Peek())) ++pos_;
    const std::size_t word_end = pos_;
    while (!AtEnd() && Peek() == '=') ++pos_;
    SkipSpaces();
    // token68: a word, maybe '=' padding, then the end or the next item.
    if (word_end > start && (AtEnd() || Peek() == ',')) {
      challenge.token68 = std::string(text_.substr(start, word_end - start));
      return true;
    }
    pos_ = start;
    while (true) {
      const std::size_t item = pos_;
      const std::string name = Token();
      if (name.empty()) return AtEnd() || Peek() == ',';
      SkipSpaces();
      if (AtEnd() || Peek() != '=') {
        pos_ = item;  // the next challenge's scheme
        return true;
      }
      ++pos_;
      SkipSpaces();
      std::optional<std::string> value;
      if (!AtEnd() && Peek() == '"') {
        value = QuotedString();
      } else {
        value = Token();
      }
      if (!value) return false;
      challenge.params.emplace_back(Lower(name), *value);
      SkipSpaces();
      if (AtEnd()) return true;
      if (Peek() != ',') return false;
      SkipListSeparators();
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<SpecProblem> CheckRequestSpec(const json& request) {
  if (!request.is_object()) return Problem("", "must be a mapping");
  for (const auto& [name, value] : request.items()) {
    if (!kRequestMembers.contains(name)) return Problem(name, "unknown field");
  }
  if (request.contains("endpoint")) {
    const json& endpoint = request["endpoint"];
    if (!endpoint.is_string() ||
        (endpoint != "resource" && endpoint != "token")) {
      return Problem("endpoint", "must be 'resource' or 'token'");
    }
  }
  if (request.contains("method")) {
    const json& method = request["method"];
    if (!method.is_string() || !kMethods.contains(method.get<std::string>())) {
      return Problem("method", "must be GET, POST, PUT, PATCH or DELETE");
    }
  }
  if (request.contains("authorization")) {
    const auto values = Strings(request["authorization"]);
    if (!values) return Problem("authorization", "must be a string or a list");
    for (const std::string& value : *values) {
      if (HasLineBreak(value)) {
        return Problem("authorization", "must not contain CR, LF or NUL");
      }
    }
  }
  for (const char* name : {"query", "form"}) {
    if (request.contains(name) && !request[name].is_string()) {
      return Problem(name, "must be a string");
    }
  }
  if (request.contains("form") && request.contains("method") &&
      !kBodyMethods.contains(request["method"].get<std::string>())) {
    return Problem("form", "a form body needs POST, PUT or PATCH");
  }
  return std::nullopt;
}

std::optional<SpecProblem> ParseExpectHttp(const json& expect,
                                           ExpectHttp& parsed) {
  if (!expect.is_object()) return Problem("", "must be a mapping");
  for (const auto& [name, value] : expect.items()) {
    if (!kExpectMembers.contains(name)) return Problem(name, "unknown field");
  }
  if (expect.contains("status")) {
    const json& status = expect["status"];
    const json list = status.is_array() ? status : json::array({status});
    if (list.empty()) return Problem("status", "must name a status");
    for (const json& item : list) {
      if (!item.is_number_integer() || item.get<int>() < 100 ||
          item.get<int>() > 599) {
        return Problem("status", "must be an HTTP status or a list of them");
      }
      parsed.statuses.push_back(item.get<int>());
    }
  }
  if (expect.contains("www_authenticate")) {
    const json& challenge = expect["www_authenticate"];
    if (!challenge.is_object()) {
      return Problem("www_authenticate", "must be a mapping");
    }
    for (const auto& [name, value] : challenge.items()) {
      if (name != "scheme" && name != "error") {
        return Problem("www_authenticate." + name, "unknown field");
      }
    }
    if (!challenge.contains("scheme") || !challenge["scheme"].is_string() ||
        challenge["scheme"].get<std::string>().empty()) {
      return Problem("www_authenticate.scheme", "missing or not a string");
    }
    parsed.challenge_scheme = challenge["scheme"];
    if (challenge.contains("error")) {
      const json& error = challenge["error"];
      const auto codes =
          error.is_null() ? std::vector<std::string>{""} : Strings(error);
      if (!codes || codes->empty()) {
        return Problem("www_authenticate.error",
                       "must be an error code, a list of them, or null");
      }
      parsed.challenge_errors = *codes;
    }
  }
  if (expect.contains("oauth_error")) {
    const auto codes = Strings(expect["oauth_error"]);
    if (!codes || codes->empty()) {
      return Problem("oauth_error", "must be an error code or a list of them");
    }
    parsed.oauth_errors = *codes;
  }
  if (expect.contains("echoes_token")) {
    if (expect["echoes_token"] != false) {
      return Problem("echoes_token", "must be false (HTTP-8)");
    }
    parsed.no_token_echo = true;
  }
  if (parsed.empty()) return Problem("", "must expect something");
  return std::nullopt;
}

bool NeedsHttp(const Step& step) {
  return !step.request.is_null() || !step.expect_http.empty();
}

bool UsesTokenEndpoint(const Vector& vector) {
  for (const Step& step : vector.steps) {
    if (step.request.is_object() &&
        step.request.value("endpoint", "") == std::string("token")) {
      return true;
    }
    if (step.token.dump().find(kTokenEndpointPlaceholder) !=
        std::string::npos) {
      return true;
    }
  }
  return false;
}

HttpRequest ExpandRequest(const json& spec, const std::string& token,
                          const PlaceholderValues& values) {
  HttpRequest request;
  const json members = spec.is_object() ? spec : json::object();
  request.token_endpoint = members.value("endpoint", "") == "token";
  if (members.contains("form")) {
    request.form = Expand(members["form"], token, values);
  }
  request.method = members.value(
      "method", request.form || request.token_endpoint ? "POST" : "GET");
  // The resource gets the RFC 6750 §2.1 header by default, the token
  // endpoint no header.
  std::vector<std::string> authorization;
  if (members.contains("authorization")) {
    authorization = *Strings(members["authorization"]);
  } else if (!request.token_endpoint) {
    authorization = {"Bearer ${token}"};
  }
  for (const std::string& value : authorization) {
    request.authorization.push_back(Expand(value, token, values));
  }
  if (members.contains("query")) {
    request.query = Expand(members["query"], token, values);
  }
  return request;
}

std::vector<Challenge> ParseChallenges(const std::vector<std::string>& values) {
  std::vector<Challenge> challenges;
  for (const std::string& value : values) {
    ChallengeReader(value).Parse(challenges);
  }
  return challenges;
}

bool QuotesToken(std::string_view text, std::string_view token) {
  if (token.size() >= kMinEchoLength &&
      text.find(token) != std::string_view::npos) {
    return true;
  }
  const std::size_t dot = token.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view signature = token.substr(dot + 1);
  return signature.size() >= kMinEchoLength &&
         text.find(signature) != std::string_view::npos;
}

}  // namespace jwtconf::harness
