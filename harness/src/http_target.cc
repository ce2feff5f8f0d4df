#include "http_target.h"

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>

namespace jwtconf::harness {

struct HttpTarget::Impl {
  std::unique_ptr<httplib::Client> client;
  std::string path;
};

HttpTarget::HttpTarget(const std::string& url,
                       std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  static const std::regex kUrl(
      R"(^http://(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})(/[^?#]*)?$)");
  std::smatch match;
  if (!std::regex_match(url, match, kUrl)) {
    throw std::invalid_argument("target URL must be http://HOST:PORT[/path]: " +
                                url);
  }
  std::string host = match[1].str();
  if (host.front() == '[') host = host.substr(1, host.size() - 2);
  impl_->client =
      std::make_unique<httplib::Client>(host, std::stoi(match[2].str()));
  impl_->path = match[3].matched ? match[3].str() : "/";
  impl_->client->set_connection_timeout(timeout);
  impl_->client->set_read_timeout(timeout);
  impl_->client->set_write_timeout(timeout);
  impl_->client->set_follow_location(false);
  impl_->client->set_keep_alive(true);
}

HttpTarget::~HttpTarget() = default;

Observation HttpTarget::Send(const std::string& token) {
  Observation observation;
  httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  httplib::Result result = impl_->client->Get(impl_->path.c_str(), headers);
  if (!result) {
    observation.detail = "no answer: " + httplib::to_string(result.error());
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
  if (result->status >= 200 && result->status < 300) {
    observation.verdict = Verdict::kAccept;
  } else if (result->status == 401 || result->status == 400) {
    observation.verdict = Verdict::kReject;
  }
  return observation;
}

}  // namespace jwtconf::harness
