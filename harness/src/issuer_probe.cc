#include "issuer_probe.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>

#include "jwk_probe_checks.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/strict_json.h"

namespace jwtconf::harness {
namespace {

using nlohmann::json;

constexpr char kMetadataPath[] = "/.well-known/openid-configuration";

// Answers from memory what it fetched while `live`, and nothing else after:
// the reference verifier judges the very bytes the probe saw, without a
// request of its own.
class RememberingFetcher final : public HttpFetcher {
 public:
  explicit RememberingFetcher(HttpFetcher& network) : network_(network) {}

  FetchResult Get(const std::string& url) override {
    if (auto seen = seen_.find(url); seen != seen_.end()) return seen->second;
    if (!live_) {
      return {FetchErrorKind::kBadUrl, "not fetched by the probe", {}};
    }
    return seen_[url] = network_.Get(url);
  }

  void StopFetching() { live_ = false; }

 private:
  HttpFetcher& network_;
  std::map<std::string, FetchResult> seen_;
  bool live_ = true;
};

struct UrlParts {
  std::string scheme;
  std::string origin;  // scheme://host[:port]
  bool query_or_fragment = false;
};

std::optional<UrlParts> SplitUrl(const std::string& url) {
  // std::regex recurses per character: longer text would exhaust the stack.
  constexpr std::size_t kMaxUrlBytes = 8192;
  if (url.size() > kMaxUrlBytes) return std::nullopt;
  static const std::regex kUrl(R"(^(https?)://([^/?#]+)[^?#]*([?#].*)?$)");
  std::smatch match;
  if (!std::regex_match(url, match, kUrl)) return std::nullopt;
  return UrlParts{match[1].str(), match[1].str() + "://" + match[2].str(),
                  match[3].matched};
}

bool HasMediaType(const std::string& content_type, std::string_view type) {
  std::string essence = content_type.substr(0, content_type.find(';'));
  essence.erase(std::remove(essence.begin(), essence.end(), ' '),
                essence.end());
  std::transform(essence.begin(), essence.end(), essence.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return essence == type;
}

// JWKS-12: a Cache-Control max-age inside the bounds verifiers clamp to.
ProbeCheck CacheCheck(const std::string& what, std::string cache_control) {
  ProbeCheck check{"JWKS-12", what + " cache headers", CheckStatus::kWarn, ""};
  std::transform(cache_control.begin(), cache_control.end(),
                 cache_control.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  const DiscoveryOptions bounds;
  static const std::regex kMaxAge(R"((^|[ ,])max-age=([0-9]{1,9})([ ,]|$))");
  std::smatch match;
  if (cache_control.empty()) {
    check.detail =
        "no Cache-Control: each verifier guesses how long to keep it";
  } else if (cache_control.find("no-store") != std::string::npos ||
             cache_control.find("no-cache") != std::string::npos) {
    check.detail = "Cache-Control '" + cache_control +
                   "': verifiers would refetch for every token";
  } else if (!std::regex_search(cache_control, match, kMaxAge)) {
    check.detail = "Cache-Control '" + cache_control + "' has no max-age";
  } else if (const long age = std::stol(match[2].str());
             age < bounds.min_ttl.count()) {
    check.detail = "max-age=" + match[2].str() + " is under " +
                   std::to_string(bounds.min_ttl.count()) + " s";
  } else if (age > bounds.max_ttl.count()) {
    check.detail = "max-age=" + match[2].str() + " is over " +
                   std::to_string(bounds.max_ttl.count()) +
                   " s: a rotation would be seen late";
  } else {
    check.status = CheckStatus::kPass;
    check.detail = "max-age=" + match[2].str();
  }
  return check;
}

// The catalogue ID a reference verifier's refusal belongs to.
std::string RequirementOf(Reason reason) {
  switch (reason) {
    case Reason::kDiscoveryIssuerMismatch:
      return "DISC-3";
    case Reason::kTooLarge:
      return "ROB-1";
    case Reason::kDuplicateMember:
      return "ROB-3";
    case Reason::kJwksMalformed:
      return "JWKS-1";
    default:
      return "DISC-5";
  }
}

class Probe {
 public:
  Probe(const std::string& issuer, HttpFetcher& fetcher, bool allow_http)
      : memory_(fetcher), allow_http_(allow_http) {
    report_.issuer = issuer;
  }

  ProbeReport Run() {
    const std::optional<UrlParts> issuer = SplitUrl(report_.issuer);
    if (!issuer) {
      throw std::invalid_argument("not an http(s) URL of at most 8192 bytes: " +
                                  report_.issuer.substr(0, 200));
    }
    if (!CheckScheme("DISC-6", "issuer is https", *issuer)) return report_;
    if (issuer->query_or_fragment) {
      Add("DISC-6", "issuer has no query or fragment", CheckStatus::kWarn,
          "verifiers refuse an issuer with a query or fragment");
    }

    // DISC-2: the metadata lives under the issuer without its trailing '/'.
    std::string base = report_.issuer;
    while (!base.empty() && base.back() == '/') base.pop_back();
    report_.metadata_url = base + kMetadataPath;
    const std::optional<json> metadata =
        FetchJson("metadata", report_.metadata_url, "DISC-5",
                  {"application/json"}, /*first=*/true);
    if (!metadata) return report_;

    // DISC-3: compared byte for byte, no normalisation.
    const json issuer_member = metadata->value("issuer", json());
    if (issuer_member == report_.issuer) {
      Add("DISC-3", "issuer matches exactly", CheckStatus::kPass,
          report_.issuer);
    } else {
      Add("DISC-3", "issuer matches exactly", CheckStatus::kFail,
          "metadata says " + issuer_member.dump() + ", expected " +
              json(report_.issuer).dump());
    }

    if (!CheckJwksUri(*metadata, *issuer)) return report_;
    const std::optional<json> jwks =
        FetchJson("JWK Set", report_.jwks_uri, "JWKS-1",
                  {"application/json", "application/jwk-set+json"},
                  /*first=*/false);
    if (!jwks) return report_;
    if (!jwks->contains("keys") || !(*jwks)["keys"].is_array() ||
        (*jwks)["keys"].empty()) {
      Add("JWKS-1", "JWK Set has keys", CheckStatus::kFail,
          "no non-empty keys array");
      return report_;
    }
    Add("JWKS-1", "JWK Set has keys", CheckStatus::kPass,
        std::to_string((*jwks)["keys"].size()) + " keys");
    for (ProbeCheck& check : CheckPublishedKeys((*jwks)["keys"])) {
      report_.checks.push_back(std::move(check));
    }
    CheckWithReference((*jwks)["keys"]);
    return report_;
  }

 private:
  void Add(std::string requirement, std::string name, CheckStatus status,
           std::string detail) {
    report_.checks.push_back(
        {std::move(requirement), std::move(name), status, std::move(detail)});
  }

  // DISC-4, DISC-6: https, or plain http only when allowed for a test.
  bool CheckScheme(const char* requirement, const char* name,
                   const UrlParts& url) {
    if (url.scheme == "https") {
      Add(requirement, name, CheckStatus::kPass, url.origin);
      return true;
    }
    if (allow_http_) {
      Add(requirement, name, CheckStatus::kWarn,
          "plain http, allowed by --allow-http");
      return true;
    }
    Add(requirement, name, CheckStatus::kFail,
        "plain http (--allow-http probes a test issuer anyway)");
    return false;
  }

  // DISC-4: jwks_uri present and https; on the issuer's origin or not.
  bool CheckJwksUri(const json& metadata, const UrlParts& issuer) {
    const auto uri = metadata.find("jwks_uri");
    if (uri == metadata.end() || !uri->is_string()) {
      Add("DISC-4", "jwks_uri present", CheckStatus::kFail,
          uri == metadata.end() ? "missing" : "not a string");
      return false;
    }
    report_.jwks_uri = uri->get<std::string>();
    const std::optional<UrlParts> parts = SplitUrl(report_.jwks_uri);
    if (!parts) {
      Add("DISC-4", "jwks_uri present", CheckStatus::kFail,
          "not an http(s) URL of at most 8192 bytes: " +
              report_.jwks_uri.substr(0, 200));
      return false;
    }
    Add("DISC-4", "jwks_uri present", CheckStatus::kPass, report_.jwks_uri);
    if (!CheckScheme("DISC-4", "jwks_uri is https", *parts)) return false;
    // The probe contacts only the issuer's origin: a jwks_uri elsewhere is
    // named, not fetched, so a hostile document cannot aim it anywhere.
    if (parts->origin != issuer.origin) {
      Add("DISC-4", "jwks_uri on the issuer's origin", CheckStatus::kWarn,
          parts->origin +
              ": verifiers that pin the issuer's origin refuse "
              "it; the probe does not fetch it");
      return false;
    }
    Add("DISC-4", "jwks_uri on the issuer's origin", CheckStatus::kPass,
        parts->origin);
    return true;
  }

  // Fetches a JSON object and checks status, size, media type, duplicates
  // and cache headers. nullopt when there is nothing more to check.
  std::optional<json> FetchJson(const std::string& what, const std::string& url,
                                const char* requirement,
                                std::vector<std::string_view> media_types,
                                bool first) {
    const FetchResult fetched = memory_.Get(url);
    const std::string name = what + " fetched";
    switch (fetched.error) {
      case FetchErrorKind::kNone:
        break;
      case FetchErrorKind::kTooLarge:
        Add("ROB-1", name, CheckStatus::kFail, "body too large");
        return std::nullopt;
      case FetchErrorKind::kRedirect:
        Add("DISC-7", name, CheckStatus::kFail, fetched.error_detail);
        return std::nullopt;
      case FetchErrorKind::kConnect:
      case FetchErrorKind::kTimeout:
      case FetchErrorKind::kBadUrl:
        // The issuer itself out of reach: nothing was judged.
        if (first) report_.reachable = false;
        Add(requirement, name, CheckStatus::kFail,
            url + ": " + fetched.error_detail);
        return std::nullopt;
    }
    const HttpResponse& response = fetched.response;
    if (response.status != 200) {
      Add(requirement, name, CheckStatus::kFail,
          url + " answered HTTP " + std::to_string(response.status));
      return std::nullopt;
    }
    Add(requirement, name, CheckStatus::kPass,
        "HTTP 200, " + std::to_string(response.body.size()) + " bytes");

    const bool typed = std::any_of(
        media_types.begin(), media_types.end(), [&](std::string_view type) {
          return HasMediaType(response.content_type, type);
        });
    Add(requirement, what + " content type",
        typed ? CheckStatus::kPass : CheckStatus::kFail,
        response.content_type.empty() ? "none" : response.content_type);

    StrictJson parsed = ParseStrictJsonObject(response.body);
    if (parsed.status == StrictJson::Status::kMalformed) {
      Add(requirement, what + " is a JSON object", CheckStatus::kFail,
          parsed.detail);
      return std::nullopt;
    }
    json document = std::move(parsed.value);
    // ROB-3: parsers disagree on which of two same-named members wins; the
    // remaining checks look at what a lenient parser keeps.
    if (parsed.status == StrictJson::Status::kDuplicateMember) {
      Add("ROB-3", what + " is a JSON object", CheckStatus::kFail,
          parsed.detail);
      document = json::parse(response.body, nullptr, false);
    } else {
      Add(requirement, what + " is a JSON object", CheckStatus::kPass,
          "no duplicate members");
    }
    report_.checks.push_back(CacheCheck(what, response.cache_control));
    return document;
  }

  // What the reference verifier makes of the same two documents, served
  // from memory: the keys it would load, or why it would refuse them.
  void CheckWithReference(const json& keys) {
    memory_.StopFetching();
    DiscoveryOptions options;
    options.allow_http = allow_http_;
    options.try_oauth_metadata = false;
    const SystemClock clock;
    DiscoveryKeySource source(options, memory_, clock);
    const KeyLookup lookup = source.Keys(report_.issuer, false);
    const char* name = "reference verifier loads the keys";
    if (lookup.reason != Reason::kOk) {
      Add(RequirementOf(lookup.reason), name, CheckStatus::kFail,
          std::string(ReasonCode(lookup.reason)) + ": " + lookup.detail);
      return;
    }
    // JWKS-1: unusable keys are skipped; name the ones it would skip.
    const std::vector<std::string> usable = lookup.keys->UsableKids();
    std::string skipped;
    for (const json& key : keys) {
      const json kid = key.is_object() ? key.value("kid", json()) : json();
      if (kid.is_string() &&
          std::find(usable.begin(), usable.end(), kid.get<std::string>()) ==
              usable.end()) {
        skipped +=
            (skipped.empty() ? "skips kid " : ", ") + kid.get<std::string>();
      }
    }
    Add("JWKS-1", name,
        skipped.empty() ? CheckStatus::kPass : CheckStatus::kWarn,
        skipped.empty() ? std::to_string(usable.size()) + " keys usable"
                        : skipped);
  }

  RememberingFetcher memory_;
  bool allow_http_;
  ProbeReport report_;
};

}  // namespace

std::string_view CheckStatusName(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPass:
      return "pass";
    case CheckStatus::kWarn:
      return "warn";
    case CheckStatus::kFail:
      return "fail";
  }
  return "fail";
}

CheckStatus Worse(CheckStatus a, CheckStatus b) {
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

bool ProbeReport::HasFailure() const {
  return std::any_of(checks.begin(), checks.end(), [](const ProbeCheck& c) {
    return c.status == CheckStatus::kFail;
  });
}

ProbeReport ProbeIssuer(const std::string& issuer, HttpFetcher& fetcher,
                        bool allow_http) {
  return Probe(issuer, fetcher, allow_http).Run();
}

ProbeReport ProbeIssuer(const std::string& issuer,
                        const ProbeOptions& options) {
  HttpFetcherOptions fetch;
  fetch.connect_timeout = options.timeout;
  fetch.read_timeout = options.timeout;
  fetch.ca_file = options.ca_file;
  fetch.allow_http = options.allow_http;
  const std::unique_ptr<HttpFetcher> fetcher = MakeHttpFetcher(fetch);
  return ProbeIssuer(issuer, *fetcher, options.allow_http);
}

}  // namespace jwtconf::harness
