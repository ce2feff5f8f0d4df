#include "server/token_endpoint.h"

#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "server/form_urlencoded.h"

namespace jwtconf {
namespace {

constexpr std::string_view kFormMediaType = "application/x-www-form-urlencoded";
constexpr std::size_t kAccessTokenBytes = 32;

using Parameters = std::map<std::string, std::string>;

TokenResponse Refuse(std::string_view error, Reason reason) {
  return {400,
          {{"error", std::string(error)},
           {"reason", std::string(ReasonCode(reason))}}};
}

char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// The media type before any parameters (`; charset=...`), compared
// case-insensitively.
bool IsFormMediaType(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) {
    type.remove_suffix(1);
  }
  if (type.size() != kFormMediaType.size()) return false;

  for (std::size_t i = 0; i < type.size(); ++i) {
    if (LowerAscii(type[i]) != kFormMediaType[i]) return false;
  }
  return true;
}

const std::string* Find(const Parameters& parameters, const char* name) {
  const auto found = parameters.find(name);
  return found == parameters.end() ? nullptr : &found->second;
}

// An opaque random access token: 256 bits, base64url without padding.
std::string RandomAccessToken() {
  std::array<unsigned char, kAccessTokenBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("no random bytes for an access token");
  }

  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string text;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += kAlphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) text += kAlphabet[(buffer << (6 - bits)) & 0x3f];
  return text;
}

double SecondsSinceEpoch(TimePoint time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

}  // namespace

TokenEndpoint::TokenEndpoint(VerifierOptions assertions, KeySource& keys,
                             const Clock& clock, TokenEndpointOptions options)
    : verifier_options_(assertions),
      verifier_(std::move(assertions), keys, clock),
      clock_(clock),
      options_(options) {}

TokenResponse TokenEndpoint::Handle(std::string_view content_type,
                                    std::string_view body) const {
  // RFC 6749 §3.2: parameters are sent form-encoded.
  if (!IsFormMediaType(content_type)) {
    return Refuse("invalid_request", Reason::kInvalidRequest);
  }

  // RFC 6749 §3.2: no malformed encoding, no parameter twice.
  const FormParse form = ParseOAuthForm(body);
  if (!form.parameters) {
    return Refuse("invalid_request", Reason::kInvalidRequest);
  }
  const Parameters& parameters = *form.parameters;

  // RFC 6749 §4.4.2, RFC 7521 §4.1: grant_type is required.
  const std::string* grant_type = Find(parameters, "grant_type");
  if (grant_type == nullptr) {
    return Refuse("invalid_request", Reason::kInvalidRequest);
  }

  // RFC 7521 §4.2: a client assertion always comes with its type.
  const std::string* assertion_type = Find(parameters, "client_assertion_type");
  const std::string* client_assertion = Find(parameters, "client_assertion");
  if ((assertion_type == nullptr) != (client_assertion == nullptr)) {
    return Refuse("invalid_request", Reason::kInvalidRequest);
  }

  // RFC 7523 §2.1: the jwt-bearer grant carries one JWT in `assertion`.
  const bool jwt_grant = *grant_type == kJwtBearerGrantType;
  const std::string* assertion = Find(parameters, "assertion");
  if (jwt_grant && assertion == nullptr) {
    return Refuse("invalid_request", Reason::kInvalidRequest);
  }

  // RFC 6749 §5.2: only the jwt-bearer and client_credentials grants.
  if (!jwt_grant && *grant_type != "client_credentials") {
    return Refuse("unsupported_grant_type", Reason::kInvalidRequest);
  }

  bool client_authenticated = false;
  std::string subject;
  if (client_assertion != nullptr) {
    // RFC 6749 §5.2: JWT client assertions are the only client
    // authentication this endpoint supports.
    if (*assertion_type != kJwtBearerClientAssertionType) {
      return Refuse("invalid_client", Reason::kInvalidRequest);
    }

    // HTTP-7, RFC 7523 §3.2: a client assertion that fails any check of
    // RFC 7523 §3 is invalid_client.
    const Verification client = verifier_.Verify(*client_assertion);
    if (!client.ok()) return Refuse("invalid_client", client.reason);

    // RFC 7521 §4.2, RFC 7523 §3: client_id, when sent, is the subject.
    const std::string* client_id = Find(parameters, "client_id");
    if (client_id != nullptr && *client_id != client.subject) {
      return Refuse("invalid_client", Reason::kInvalidRequest);
    }

    // JWT-8: a client assertion is used once.
    if (const Reason replay = RememberJti(client); replay != Reason::kOk) {
      return Refuse("invalid_client", replay);
    }
    client_authenticated = true;
    subject = client.subject;
  }

  if (jwt_grant) {
    // HTTP-7, RFC 7523 §3.1: an assertion that fails any check is
    // invalid_grant.
    const Verification grant = verifier_.Verify(*assertion);
    if (!grant.ok()) return Refuse("invalid_grant", grant.reason);

    // JWT-8: a grant assertion is used once.
    if (const Reason replay = RememberJti(grant); replay != Reason::kOk) {
      return Refuse("invalid_grant", replay);
    }
    subject = grant.subject;
  }

  // RFC 6749 §4.4.2: client_credentials needs an authenticated client.
  if (!client_authenticated && !jwt_grant) {
    return Refuse("invalid_client", Reason::kMissingCredentials);
  }

  // RFC 6749 §5.1: the access token response.
  return {200,
          {{"access_token", RandomAccessToken()},
           {"token_type", "Bearer"},
           {"expires_in", options_.access_token_lifetime.count()}}};
}

Reason TokenEndpoint::RememberJti(const Verification& verification) const {
  // RFC 7523 §3: jti is optional; without one there is nothing to remember
  // (JWT-8 is a MAY, and refusing would refuse conforming clients).
  const auto jti = verification.claims.find("jti");
  if (jti == verification.claims.end()) return Reason::kOk;

  // RFC 7519 §4.1.7: jti is a case-sensitive string.
  if (!jti->is_string()) return Reason::kInvalidClaimType;

  // RFC 7523 §3: remembered for as long as the assertion would be valid,
  // which the verifier's leeway extends past exp.
  const double now = SecondsSinceEpoch(clock_.Now());
  const double until = verification.claims.at("exp").get<double>() +
                       static_cast<double>(verifier_options_.leeway.count());
  const std::lock_guard lock(mutex_);
  std::erase_if(seen_jtis_,
                [now](const auto& seen) { return seen.second <= now; });
  const auto key = std::make_pair(verification.issuer, jti->get<std::string>());
  if (seen_jtis_.contains(key)) return Reason::kReplayedJti;

  // ROB-1: a full table refuses rather than forgets.
  if (seen_jtis_.size() >= options_.max_seen_jtis) return Reason::kTooLarge;

  seen_jtis_.emplace(key, until);
  return Reason::kOk;
}

}  // namespace jwtconf
