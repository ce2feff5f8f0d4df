// An HttpFetcher answering from memory, so the benchmark's key source runs
// the real discovery and JWK Set cache code without sockets.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "jwtconf/reference/http_fetcher.h"

namespace jwtconf::bench {

class InMemoryFetcher final : public HttpFetcher {
 public:
  // Serves `body` as application/json at `url`, cacheable for a day.
  void Serve(std::string url, std::string body) {
    HttpResponse response;
    response.status = 200;
    response.body = std::move(body);
    response.content_type = "application/json";
    response.cache_control = "max-age=86400";
    responses_[std::move(url)] = std::move(response);
  }

  // Discovery metadata naming `issuer` and its JWK Set.
  void ServeIssuer(const std::string& issuer, const std::string& jwks_json) {
    const std::string jwks_uri = issuer + "/jwks.json";
    Serve(issuer + "/.well-known/openid-configuration",
          nlohmann::json{{"issuer", issuer}, {"jwks_uri", jwks_uri}}.dump());
    Serve(jwks_uri, jwks_json);
  }

  FetchResult Get(const std::string& url) override {
    ++fetches_;
    const auto it = responses_.find(url);
    if (it == responses_.end()) {
      return {FetchErrorKind::kNone, {}, {404, {}, {}, {}, {}}};
    }
    return {FetchErrorKind::kNone, {}, it->second};
  }

  int fetches() const { return fetches_; }

 private:
  std::map<std::string, HttpResponse> responses_;
  int fetches_ = 0;
};

}  // namespace jwtconf::bench
