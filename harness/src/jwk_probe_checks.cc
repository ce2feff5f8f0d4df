#include "jwk_probe_checks.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace jwtconf::harness {
namespace {

using nlohmann::json;

constexpr int kMinRsaBits = 2048;

// A rule's findings over every key; passes when no key broke it.
class RuleCheck {
 public:
  RuleCheck(std::string requirement, std::string name)
      : check_{std::move(requirement), std::move(name), CheckStatus::kPass,
               ""} {}

  void Add(CheckStatus status, const std::string& problem) {
    check_.status = Worse(check_.status, status);
    check_.detail += (check_.detail.empty() ? "" : "; ") + problem;
  }

  ProbeCheck Done(std::size_t keys) {
    if (check_.detail.empty()) {
      check_.detail = "all " + std::to_string(keys) + " keys";
    }
    return check_;
  }

 private:
  ProbeCheck check_;
};

std::string Text(const json& key, const char* member) {
  auto found = key.find(member);
  return found != key.end() && found->is_string() ? found->get<std::string>()
                                                  : "";
}

// How reports name a key: its kid, else its place in the set.
std::string KeyName(const json& key, std::size_t index) {
  if (std::string kid = Text(key, "kid"); !kid.empty()) return "kid " + kid;
  return "key #" + std::to_string(index + 1);
}

// JWKS-6: the key type and curve an algorithm needs ("" for unknown).
std::string KeyTypeFor(const std::string& alg) {
  static const std::map<std::string, std::string> kNeeds = {
      {"RS256", "RSA"},      {"RS384", "RSA"},          {"RS512", "RSA"},
      {"PS256", "RSA"},      {"PS384", "RSA"},          {"PS512", "RSA"},
      {"ES256", "EC P-256"}, {"ES384", "EC P-384"},     {"ES512", "EC P-521"},
      {"EdDSA", "OKP"},      {"Ed25519", "OKP Ed25519"}};
  auto found = kNeeds.find(alg);
  return found == kNeeds.end() ? "" : found->second;
}

bool Fits(const std::string& needed, const std::string& kty,
          const std::string& crv) {
  return needed == kty || needed == kty + " " + crv;
}

void CheckType(const json& key, const std::string& name, RuleCheck& rule) {
  const std::string kty = Text(key, "kty");
  const std::string crv = Text(key, "crv");
  static const std::set<std::string> kEcCurves = {"P-256", "P-384", "P-521"};
  static const std::set<std::string> kOkpCurves = {"Ed25519", "Ed448"};
  if (kty.empty()) {
    rule.Add(CheckStatus::kFail, name + ": no kty");
  } else if (kty == "oct") {
    rule.Add(CheckStatus::kFail, name + ": a symmetric key is published");
  } else if (kty == "EC" && !kEcCurves.contains(crv)) {
    rule.Add(CheckStatus::kWarn, name + ": EC curve '" + crv + "' not allowed");
  } else if (kty == "OKP" && !kOkpCurves.contains(crv)) {
    rule.Add(CheckStatus::kWarn,
             name + ": OKP curve '" + crv + "' not allowed");
  } else if (kty != "RSA" && kty != "EC" && kty != "OKP") {
    // JWKS-1: verifiers skip it; the issuer probably did not mean that.
    rule.Add(CheckStatus::kWarn, name + ": unknown kty '" + kty + "'");
  }
}

void CheckRsaSize(const json& key, const std::string& name, RuleCheck& rule) {
  if (Text(key, "kty") != "RSA") return;
  const int bits = RsaModulusBits(Text(key, "n"));
  if (bits == 0) {
    rule.Add(CheckStatus::kFail, name + ": n is not base64url");
  } else if (bits < kMinRsaBits) {
    rule.Add(CheckStatus::kFail, name + ": " + std::to_string(bits) + " bits");
  }
}

void CheckPrivate(const json& key, const std::string& name, RuleCheck& rule) {
  static const char* const kPrivate[] = {"d",  "p",  "q",   "dp",
                                         "dq", "qi", "oth", "k"};
  for (const char* member : kPrivate) {
    if (key.contains(member)) {
      rule.Add(CheckStatus::kFail,
               name + ": private member '" + member + "' published");
    }
  }
}

void CheckUse(const json& key, const std::string& name, RuleCheck& rule) {
  const auto use = key.find("use");
  if (use == key.end()) {
    rule.Add(CheckStatus::kWarn, name + ": no use");
  } else if (*use != "sig") {
    rule.Add(CheckStatus::kWarn,
             name + ": use " + use->dump() + ", not sig: not used to verify");
  }
  const auto ops = key.find("key_ops");
  if (ops != key.end() &&
      !(ops->is_array() &&
        std::find(ops->begin(), ops->end(), "verify") != ops->end())) {
    rule.Add(CheckStatus::kWarn, name + ": key_ops without verify");
  }
}

void CheckAlg(const json& key, const std::string& name, RuleCheck& rule) {
  if (!key.contains("alg")) {
    rule.Add(CheckStatus::kWarn, name + ": no alg");
    return;
  }
  const std::string alg = Text(key, "alg");
  const std::string needed = KeyTypeFor(alg);
  if (alg == "none" || alg.starts_with("HS")) {
    rule.Add(CheckStatus::kFail,
             name + ": alg '" + alg + "' in a public JWK Set");
  } else if (needed.empty()) {
    rule.Add(CheckStatus::kWarn, name + ": unknown alg '" + alg + "'");
  } else if (!Fits(needed, Text(key, "kty"), Text(key, "crv"))) {
    rule.Add(CheckStatus::kFail, name + ": alg " + alg + " needs " + needed +
                                     ", key is " + Text(key, "kty") + " " +
                                     Text(key, "crv"));
  }
}

}  // namespace

int RsaModulusBits(std::string_view n_base64url) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const std::size_t total_bits = n_base64url.size() * 6 / 8 * 8;
  std::size_t leading_zeros = 0;
  bool seen_one = false;
  for (char c : n_base64url) {
    const std::size_t value = kAlphabet.find(c);
    if (value == std::string_view::npos) return 0;
    for (int bit = 5; bit >= 0 && !seen_one; --bit) {
      if ((value >> bit) & 1) {
        seen_one = true;
      } else {
        ++leading_zeros;
      }
    }
  }
  if (!seen_one || leading_zeros >= total_bits) return 0;
  return static_cast<int>(total_bits - leading_zeros);
}

std::vector<ProbeCheck> CheckPublishedKeys(const json& keys) {
  RuleCheck type("JWKS-6", "key types and curves allowed");
  RuleCheck size("JWKS-7", "RSA keys at least 2048 bits");
  RuleCheck secret("JWKS-9", "no private key members");
  RuleCheck use("JWKS-4", "use present and sig");
  RuleCheck alg("JWKS-5", "alg present and fits the key");
  RuleCheck kids("JWKS-2", "kids present and unique");
  std::set<std::string> seen_kids;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const json& key = keys[i];
    const std::string name = KeyName(key, i);
    if (!key.is_object()) {
      type.Add(CheckStatus::kFail, name + ": not a JSON object");
      continue;
    }
    CheckType(key, name, type);
    CheckRsaSize(key, name, size);
    CheckPrivate(key, name, secret);
    CheckUse(key, name, use);
    CheckAlg(key, name, alg);
    // JWKS-2: a verifier picks the key by kid; two with one kid make the
    // choice ambiguous, none leaves it trying every key (JWKS-3).
    const std::string kid = Text(key, "kid");
    if (kid.empty()) {
      kids.Add(CheckStatus::kWarn, name + ": no kid");
    } else if (!seen_kids.insert(kid).second) {
      kids.Add(CheckStatus::kFail, "kid " + kid + " used twice");
    }
  }
  return {type.Done(keys.size()),   size.Done(keys.size()),
          secret.Done(keys.size()), use.Done(keys.size()),
          alg.Done(keys.size()),    kids.Done(keys.size())};
}

}  // namespace jwtconf::harness
