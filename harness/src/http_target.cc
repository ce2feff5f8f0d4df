#include "http_target.h"

#include <httplib.h>
#include <strings.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>

#include "jwtconf/reference/deadline.h"

namespace jwtconf::harness {

namespace {

constexpr char kFormContentType[] = "application/x-www-form-urlencoded";

bool EqualsIgnoreAsciiCase(const std::string& a, const char* b) {
  return strcasecmp(a.c_str(), b) == 0;
}

bool HasLineBreak(const std::string& text) {
  return text.find_first_of(std::string("\r\n\0", 3)) != std::string::npos;
}

httplib::Result Exchange(httplib::Client& client, const std::string& target,
                         const HttpRequest& request) {
  httplib::Headers headers;
  for (const std::string& value : request.authorization) {
    headers.emplace("Authorization", value);
  }
  const char* path = target.c_str();
  const std::string body = request.form.value_or("");
  const char* type = request.form ? kFormContentType : "text/plain";
  if (request.method == "POST") return client.Post(path, headers, body, type);
  if (request.method == "PUT") return client.Put(path, headers, body, type);
  if (request.method == "PATCH") return client.Patch(path, headers, body, type);
  if (request.method == "DELETE") return client.Delete(path, headers);
  return client.Get(path, headers);
}

// 401 and 400 are the refusals of RFC 6750; 413 and 431 refuse an
// oversized request before reading the token (ROB-1), which fails closed.
bool IsRefusal(int status) {
  return status == 401 || status == 400 || status == 413 || status == 431;
}

std::string DescribeError(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "cannot connect";
    case httplib::Error::Read:
      return "connection closed without an HTTP answer, or an answer that "
             "is not HTTP";
    case httplib::Error::Write:
      return "cannot send the request";
    default:
      return httplib::to_string(error);
  }
}

}  // namespace

struct HttpTarget::Impl {
  std::unique_ptr<httplib::Client> client;
  std::string origin;  // http://HOST:PORT
  std::string path;
  std::string token_endpoint_path;
  std::chrono::milliseconds timeout{0};
};

HttpTarget::HttpTarget(const std::string& url,
                       std::chrono::milliseconds timeout,
                       const std::string& token_endpoint_path)
    : impl_(std::make_unique<Impl>()) {
  static const std::regex kUrl(
      R"(^http://(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})(/[^?#]*)?$)");
  // std::regex recurses per character: longer text would exhaust the stack.
  constexpr std::size_t kMaxUrlBytes = 8192;
  std::smatch match;
  if (url.size() > kMaxUrlBytes || !std::regex_match(url, match, kUrl)) {
    throw std::invalid_argument(
        "target URL must be http://HOST:PORT[/path], at most 8192 bytes: " +
        url.substr(0, 200));
  }
  impl_->origin = "http://" + match[1].str() + ":" + match[2].str();
  impl_->token_endpoint_path = token_endpoint_path;
  std::string host = match[1].str();
  if (host.front() == '[') host = host.substr(1, host.size() - 2);
  impl_->client =
      std::make_unique<httplib::Client>(host, std::stoi(match[2].str()));
  impl_->path = match[3].matched ? match[3].str() : "/";
  impl_->timeout = timeout;
  impl_->client->set_connection_timeout(timeout);
  impl_->client->set_read_timeout(timeout);
  impl_->client->set_write_timeout(timeout);
  impl_->client->set_follow_location(false);
  impl_->client->set_tcp_nodelay(true);  // no Nagle wait between writes
  // A connection per request: a target that answers an oversized or
  // malformed request early must not shift its answers onto the next one.
  impl_->client->set_keep_alive(false);
}

HttpTarget::~HttpTarget() = default;

std::string HttpTarget::TokenEndpointUrl() {
  if (impl_->token_endpoint_path.empty()) return "";
  return impl_->origin + impl_->token_endpoint_path;
}

Observation HttpTarget::Send(const Delivery& delivery) {
  Observation observation;
  const HttpRequest request = delivery.http.value_or(
      HttpRequest{.authorization = {"Bearer " + delivery.token}});
  // HTTP-7: token endpoint steps are skipped for targets without one.
  if (request.token_endpoint && impl_->token_endpoint_path.empty()) {
    observation.not_sent = "the target has no token endpoint";
    return observation;
  }
  for (const std::string& value : request.authorization) {
    if (HasLineBreak(value)) {
      observation.not_sent =
          "the token has bytes an HTTP header cannot carry (CR, LF or NUL)";
      return observation;
    }
  }
  std::string target =
      request.token_endpoint ? impl_->token_endpoint_path : impl_->path;
  if (!request.query.empty()) target += "?" + request.query;
  // The whole exchange is bounded, not only each read: a target dripping
  // its answer byte by byte is cut off at the timeout.
  const auto deadline = std::chrono::steady_clock::now() + impl_->timeout;
  httplib::Result result = [&] {
    const Deadline watchdog(deadline, [this] { impl_->client->stop(); });
    httplib::Result answer = Exchange(*impl_->client, target, request);
    observation.timed_out = watchdog.expired();
    return answer;
  }();
  if (observation.timed_out) {
    observation.detail = "no complete answer within " +
                         std::to_string(impl_->timeout.count()) + " ms";
    return observation;
  }
  if (!result) {
    observation.refused = result.error() == httplib::Error::Connection;
    observation.detail = "no answer: " + DescribeError(result.error());
    return observation;
  }
  observation.http_status = result->status;
  observation.detail = "HTTP " + std::to_string(result->status);
  // Targets that expose a reason code in a JSON body get it reported.
  auto body = nlohmann::json::parse(result->body, nullptr, false);
  if (body.is_object() && body.contains("reason") &&
      body["reason"].is_string()) {
    observation.reason = body["reason"].get<std::string>();
  }
  // HTTP-7: the OAuth error code of a token endpoint (RFC 6749 §5.2).
  if (body.is_object() && body.contains("error") && body["error"].is_string()) {
    observation.oauth_error = body["error"].get<std::string>();
  }
  // HTTP-2, HTTP-3: the challenges; HTTP-8: no part quotes the token.
  observation.echoed_token = QuotesToken(result->body, delivery.token);
  for (const auto& [name, value] : result->headers) {
    if (QuotesToken(value, delivery.token)) observation.echoed_token = true;
    if (EqualsIgnoreAsciiCase(name, "WWW-Authenticate")) {
      observation.www_authenticate.push_back(value);
    }
  }
  if (result->status >= 200 && result->status < 300) {
    observation.verdict = Verdict::kAccept;
  } else if (IsRefusal(result->status)) {
    observation.verdict = Verdict::kReject;
  }
  return observation;
}

}  // namespace jwtconf::harness
