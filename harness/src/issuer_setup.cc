#include "issuer_setup.h"

#include <algorithm>

namespace jwtconf::harness {
namespace {

using nlohmann::json;

constexpr char kDiscoveryPath[] = "/.well-known/openid-configuration";
// RFC 8414 section 3.1 inserts its well-known segment before the issuer's
// path, so the server sees it as an issuer named ".well-known".
constexpr char kWellKnownPrefix[] = ".well-known";
constexpr char kOauthMetadataPath[] = "/oauth-authorization-server";
constexpr char kPaddingMember[] = "x-jwtconf-padding";

// Grows a document to at least `size` bytes of JSON (ROB-1 vectors).
void PadDocument(json& document, std::size_t size) {
  const std::size_t current = document.dump().size();
  if (current >= size) return;
  const std::size_t overhead =
      std::string(kPaddingMember).size() + 6;  // ,"name":""
  document[kPaddingMember] = std::string(
      size > current + overhead ? size - current - overhead : 1, 'a');
}

// The same server under the other loopback host name: another origin.
std::string OtherOrigin(const std::string& origin) {
  static const std::string kIpv4 = "127.0.0.1";
  static const std::string kName = "localhost";
  std::string other = origin;
  if (auto at = other.find(kIpv4); at != std::string::npos) {
    return other.replace(at, kIpv4.size(), kName);
  }
  if (auto at = other.find(kName); at != std::string::npos) {
    return other.replace(at, kName.size(), kIpv4);
  }
  if (auto at = other.find("[::1]"); at != std::string::npos) {
    return other.replace(at, 5, kName);
  }
  return other;
}

mockidp::Fault FaultOf(const std::string& name) {
  if (name == "delay") return mockidp::Fault::kDelay;
  if (name == "hang") return mockidp::Fault::kHang;
  if (name == "close") return mockidp::Fault::kCloseConnection;
  if (name == "truncate") return mockidp::Fault::kTruncateBody;
  if (name == "reset") return mockidp::Fault::kReset;
  return mockidp::Fault::kNone;
}

// A generated document with the vector's `set`/`remove`/response overrides.
mockidp::CannedResponse ResponseOf(json document, const json& overrides,
                                   const PlaceholderValues& values) {
  mockidp::CannedResponse response;
  if (overrides.is_object()) {
    const json set = overrides.value("set", json::object());
    for (const auto& [name, value] : set.items()) {
      document[name] = SubstituteJson(value, values);
    }
    const json remove = overrides.value("remove", json::array());
    for (const auto& name : remove) {
      document.erase(name.get<std::string>());
    }
  }
  if (overrides.is_object() && overrides.contains("pad_to")) {
    PadDocument(document, overrides["pad_to"].get<std::size_t>());
  }
  response.body = document.dump();
  if (!overrides.is_object()) return response;

  response.status = overrides.value("status", 200);
  response.content_type =
      overrides.value("content_type", std::string("application/json"));
  if (overrides.contains("body")) {
    response.body =
        SubstituteText(overrides["body"].get<std::string>(), values);
  }
  const json headers = overrides.value("headers", json::object());
  for (const auto& [name, value] : headers.items()) {
    response.headers.emplace_back(
        name, SubstituteText(value.get<std::string>(), values));
  }
  response.fault = FaultOf(overrides.value("fault", std::string("none")));
  const int default_delay = response.fault == mockidp::Fault::kHang ? 15000 : 0;
  response.delay =
      std::chrono::milliseconds(overrides.value("delay_ms", default_delay));
  return response;
}

// Serves `document` with the vector's overrides at `path`; a `sequence`
// serves its responses in turn (a document that changes between fetches).
void SetResponse(mockidp::IssuerServer& server, const std::string& issuer,
                 const std::string& path, const json& document,
                 const json& overrides, const PlaceholderValues& values) {
  if (!overrides.is_object() || !overrides.contains("sequence")) {
    server.SetRoute(issuer, path, ResponseOf(document, overrides, values));
    return;
  }
  std::vector<mockidp::CannedResponse> responses;
  for (const json& item : overrides["sequence"]) {
    responses.push_back(ResponseOf(document, item, values));
  }
  server.SetSequence(issuer, path, std::move(responses));
}

}  // namespace

PublishedIssuer::PublishedIssuer(mockidp::IssuerServer& server,
                                 std::string name, const json& issuer,
                                 KeyPool& keys,
                                 const std::vector<std::string>& default_keys,
                                 std::string jwks_path, std::string origin,
                                 const std::string& jwks_origin)
    : server_(server),
      name_(std::move(name)),
      spec_(issuer.is_object() ? issuer : json::object()),
      keys_(keys),
      origin_(origin.empty() ? server.BaseUrl() : std::move(origin)),
      url_(origin_ + "/" + name_),
      identifier_(url_ + (spec_.value("trailing_slash", false) ? "/" : "")),
      jwks_path_(std::move(jwks_path)),
      jwks_uri_((jwks_origin.empty() ? url_ : jwks_origin + "/" + name_) +
                jwks_path_) {
  json listed = spec_.contains("keys") ? spec_["keys"] : json(default_keys);
  for (const auto& entry : listed) entries_.push_back(KeyEntry(entry));
}

json PublishedIssuer::KeyEntry(const json& entry) const {
  json normalised = entry.is_string() ? json{{"key", entry}} : entry;
  if (!normalised.contains("kid")) {
    normalised["kid"] = keys_.Definition(normalised["key"]).kid;
  }
  return normalised;
}

std::map<std::string, std::string> PublishedIssuer::PublishedKids() const {
  std::map<std::string, std::string> kids;
  for (const auto& entry : entries_) kids[entry["key"]] = entry["kid"];
  return kids;
}

void PublishedIssuer::ChangeKeys(const json& publish,
                                 const std::vector<std::string>& retire) {
  json kept = json::array();
  for (const auto& entry : entries_) {
    const std::string key = entry["key"];
    if (std::find(retire.begin(), retire.end(), key) == retire.end()) {
      kept.push_back(entry);
    }
  }
  for (const auto& entry : publish) kept.push_back(KeyEntry(entry));
  entries_ = kept;
}

void PublishedIssuer::Heal(const std::vector<std::string>& parts) {
  for (const std::string& part : parts) {
    spec_.erase(part);
    if (part == "jwks" && spec_.contains("tls")) {
      spec_["tls"].erase("jwks");
      jwks_uri_ = url_ + jwks_path_;
    }
  }
}

void PublishedIssuer::SetCanary(std::string origin, std::string http_origin) {
  canary_ = std::move(origin);
  canary_http_ = std::move(http_origin);
}

json PublishedIssuer::JwkOf(const json& entry) {
  const mockidp::SigningKey& key = keys_.Key(entry["key"]);
  json jwk = entry.value("private", false) ? key.PrivateJwk() : key.PublicJwk();
  jwk["kid"] = entry["kid"];
  jwk["use"] = "sig";
  const json members = entry.value("jwk", json::object());
  for (const auto& [name, value] : members.items()) jwk[name] = value;
  const json removed = entry.value("jwk_remove", json::array());
  for (const auto& name : removed) {
    jwk.erase(name.get<std::string>());
  }
  return jwk;
}

PlaceholderValues PublishedIssuer::Values(const std::string& audience,
                                          std::int64_t now) const {
  PlaceholderValues values{identifier_, audience, jwks_uri_,
                           now,         origin_,  OtherOrigin(origin_),
                           "/" + name_};
  values.canary = canary_;
  values.canary_http = canary_http_;
  return values;
}

json PublishedIssuer::JwksDocument(const PlaceholderValues& values) {
  json jwks = {{"keys", json::array()}};
  for (const auto& entry : entries_) jwks["keys"].push_back(JwkOf(entry));
  const json extra_jwks = spec_.value("extra_jwks", json::array());
  for (const auto& extra : extra_jwks) {
    jwks["keys"].push_back(SubstituteJson(extra, values));
  }
  return jwks;
}

void PublishedIssuer::Publish(const std::string& audience, std::int64_t now) {
  const PlaceholderValues values = Values(audience, now);
  const json jwks = JwksDocument(values);
  const json discovery = mockidp::DiscoveryDocument(identifier_, jwks_uri_);
  SetResponse(server_, name_, kDiscoveryPath, discovery,
              spec_.value("discovery", json()), values);
  SetResponse(server_, name_, jwks_path_, jwks, spec_.value("jwks", json()),
              values);
  if (spec_.contains("oauth_metadata")) {
    server_.SetRoute(kWellKnownPrefix, kOauthMetadataPath + ("/" + name_),
                     ResponseOf(discovery, spec_["oauth_metadata"], values));
  }
  const json routes = spec_.value("routes", json::object());
  for (const auto& [path, route] : routes.items()) {
    const std::string same_as = route.value("same_as", "");
    const json document = same_as == "jwks"        ? jwks
                          : same_as == "discovery" ? discovery
                                                   : json::object();
    server_.SetRoute(name_, path, ResponseOf(document, route, values));
  }
}

FetchCounts PublishedIssuer::Fetches() const {
  FetchCounts counts;
  for (const auto& request : server_.RequestsFor(name_)) {
    if (request.path == kDiscoveryPath) {
      ++counts.discovery;
    } else if (request.path == jwks_path_) {
      ++counts.jwks;
    } else {
      ++counts.paths[request.path];
    }
  }
  const std::string oauth_path = kOauthMetadataPath + ("/" + name_);
  for (const auto& request : server_.RequestsFor(kWellKnownPrefix)) {
    if (request.path == oauth_path) ++counts.discovery;
  }
  return counts;
}

}  // namespace jwtconf::harness
