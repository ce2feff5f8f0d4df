#include "jwtconf/mock_idp/standalone_issuer.h"

#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "jwtconf/mock_idp/token_minter.h"
#include "key_ring.h"

namespace jwtconf::mockidp {
namespace {

constexpr const char* kDiscoveryPath = "/.well-known/openid-configuration";
constexpr const char* kJwksPath = "/jwks.json";
constexpr const char* kMintPath = "/mint";
constexpr const char* kRotatePath = "/rotate";

// The issuer name is the first path segment, so it cannot hold a slash, and
// it appears in URLs unescaped.
void CheckIssuerName(const std::string& name) {
  const bool valid =
      !name.empty() &&
      name.find_first_not_of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
          "abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string::npos;
  if (!valid) {
    throw std::invalid_argument(
        "issuer name must match [A-Za-z0-9._-]+, got '" + name + "'");
  }
}

CannedResponse JsonResponse(int status, const nlohmann::json& body) {
  CannedResponse response;
  response.status = status;
  response.body = body.dump() + "\n";
  return response;
}

CannedResponse ErrorResponse(int status, const std::string& message) {
  return JsonResponse(status, {{"error", message}});
}

template <typename Rings>
auto& FindRing(Rings& rings, std::string_view issuer) {
  const auto it = rings.find(issuer);
  if (it == rings.end()) {
    throw std::invalid_argument("unknown issuer " + std::string(issuer));
  }
  return it->second;
}

}  // namespace

struct StandaloneIssuer::Impl {
  explicit Impl(StandaloneOptions opts)
      : options(std::move(opts)), server(options.server) {}

  std::string IssuerUrl(std::string_view issuer) const {
    return server.IssuerUrl(issuer);
  }
  std::string JwksUrl(std::string_view issuer) const {
    return IssuerUrl(issuer) + kJwksPath;
  }

  // Callers hold rings_mu.
  void PublishJwksLocked(const std::string& issuer);

  void PublishRoutes(const std::string& issuer);
  // The kids of the new current keys.
  std::vector<std::string> Rotate(std::string_view issuer);
  std::string Mint(std::string_view issuer, const nlohmann::json& claims,
                   std::string_view alg) const;
  CannedResponse HandleMint(const std::string& issuer,
                            const RouteRequest& request) const;
  CannedResponse HandleRotate(const std::string& issuer,
                              const RouteRequest& request);

  const StandaloneOptions options;
  mutable std::mutex rings_mu;
  std::map<std::string, internal::KeyRing, std::less<>> rings;
  // Last, so that it stops before the keys its handlers use go away.
  IssuerServer server;
};

// Under rings_mu, so that concurrent rotations publish in order.
void StandaloneIssuer::Impl::PublishJwksLocked(const std::string& issuer) {
  CannedResponse jwks = JsonResponse(200, FindRing(rings, issuer).Jwks());
  jwks.headers = {{"Cache-Control", "max-age=300"}};
  server.SetRoute(issuer, kJwksPath, std::move(jwks));
}

void StandaloneIssuer::Impl::PublishRoutes(const std::string& issuer) {
  nlohmann::json discovery =
      DiscoveryDocument(IssuerUrl(issuer), JwksUrl(issuer));
  discovery["id_token_signing_alg_values_supported"] = options.algs;
  server.SetRoute(issuer, kDiscoveryPath, JsonResponse(200, discovery));
  {
    std::lock_guard lock(rings_mu);
    PublishJwksLocked(issuer);
  }
  server.SetHandler(issuer, kMintPath, [this, issuer](const RouteRequest& r) {
    return HandleMint(issuer, r);
  });
  server.SetHandler(issuer, kRotatePath, [this, issuer](const RouteRequest& r) {
    return HandleRotate(issuer, r);
  });
}

std::vector<std::string> StandaloneIssuer::Impl::Rotate(
    std::string_view issuer) {
  std::lock_guard lock(rings_mu);
  internal::KeyRing& ring = FindRing(rings, issuer);
  ring.Rotate();
  PublishJwksLocked(std::string(issuer));

  std::vector<std::string> kids;
  for (const std::string& alg : ring.algs()) {
    kids.push_back(ring.Current(alg)->kid);
  }
  return kids;
}

std::string StandaloneIssuer::Impl::Mint(std::string_view issuer,
                                         const nlohmann::json& claims,
                                         std::string_view alg) const {
  if (!claims.is_object() && !claims.is_null()) {
    throw std::invalid_argument("claims must be a JSON object");
  }

  // Copy the key out: signing needs no lock, and a rotation may follow.
  std::string chosen_alg(alg);
  std::optional<internal::PublishedKey> key;
  {
    std::lock_guard lock(rings_mu);
    const internal::KeyRing& ring = FindRing(rings, issuer);
    if (chosen_alg.empty()) chosen_alg = ring.algs().front();
    const internal::PublishedKey* current = ring.Current(chosen_alg);
    if (current == nullptr) {
      throw std::invalid_argument("issuer " + std::string(issuer) +
                                  " has no key for alg " + chosen_alg);
    }
    key = *current;
  }

  const auto iat = std::chrono::duration_cast<std::chrono::seconds>(
                       options.now().time_since_epoch())
                       .count();
  nlohmann::json payload = claims.is_null() ? nlohmann::json::object() : claims;
  if (!payload.contains("iss")) payload["iss"] = IssuerUrl(issuer);
  if (!payload.contains("iat")) payload["iat"] = iat;
  if (!payload.contains("exp")) {
    payload["exp"] = iat + options.token_lifetime.count();
  }

  TokenSpec spec;
  spec.header_json = nlohmann::json{
      {"alg", chosen_alg},
      {"kid", key->kid},
      {"typ", "JWT"}}.dump();
  spec.payload_json = payload.dump();
  spec.alg = chosen_alg;
  spec.key = &key->key;
  return MintToken(spec);
}

CannedResponse StandaloneIssuer::Impl::HandleMint(
    const std::string& issuer, const RouteRequest& request) const {
  if (request.method != "POST") return ErrorResponse(405, "use POST");

  const nlohmann::json claims =
      request.body.empty()
          ? nlohmann::json::object()
          : nlohmann::json::parse(request.body, nullptr, false);
  if (!claims.is_object()) {
    return ErrorResponse(400, "body must be a JSON object of claims");
  }

  const auto alg = request.query.find("alg");
  try {
    CannedResponse token;
    token.content_type = "text/plain";
    token.body =
        Mint(issuer, claims, alg == request.query.end() ? "" : alg->second);
    return token;
  } catch (const std::invalid_argument& e) {
    return ErrorResponse(400, e.what());
  }
}

CannedResponse StandaloneIssuer::Impl::HandleRotate(
    const std::string& issuer, const RouteRequest& request) {
  if (request.method != "POST") return ErrorResponse(405, "use POST");

  return JsonResponse(200, {{"kids", Rotate(issuer)}});
}

StandaloneIssuer::StandaloneIssuer(StandaloneOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  if (impl_->options.issuers.empty()) {
    throw std::invalid_argument("no issuers given");
  }

  for (const std::string& issuer : impl_->options.issuers) {
    CheckIssuerName(issuer);
    if (impl_->rings.contains(issuer)) {
      throw std::invalid_argument("issuer given twice: " + issuer);
    }
    impl_->rings.emplace(issuer, internal::KeyRing(impl_->options.algs));
  }
}

StandaloneIssuer::~StandaloneIssuer() { Stop(); }

void StandaloneIssuer::Start() {
  impl_->server.Start();
  for (const std::string& issuer : impl_->options.issuers) {
    impl_->PublishRoutes(issuer);
  }
}

void StandaloneIssuer::Stop() { impl_->server.Stop(); }

const std::vector<std::string>& StandaloneIssuer::Issuers() const {
  return impl_->options.issuers;
}

std::string StandaloneIssuer::IssuerUrl(std::string_view issuer) const {
  return impl_->IssuerUrl(issuer);
}

std::string StandaloneIssuer::JwksUrl(std::string_view issuer) const {
  return impl_->JwksUrl(issuer);
}

std::string StandaloneIssuer::MintUrl(std::string_view issuer) const {
  return IssuerUrl(issuer) + kMintPath;
}

IssuerServer& StandaloneIssuer::server() { return impl_->server; }

nlohmann::json StandaloneIssuer::Jwks(std::string_view issuer) const {
  std::lock_guard lock(impl_->rings_mu);
  return FindRing(impl_->rings, issuer).Jwks();
}

void StandaloneIssuer::Rotate(std::string_view issuer) {
  impl_->Rotate(issuer);
}

std::string StandaloneIssuer::Mint(std::string_view issuer,
                                   const nlohmann::json& claims,
                                   std::string_view alg) const {
  return impl_->Mint(issuer, claims, alg);
}

}  // namespace jwtconf::mockidp
