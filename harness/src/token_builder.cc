#include "token_builder.h"

#include <stdexcept>

#include "jwtconf/mock_idp/token_minter.h"

namespace jwtconf::harness {
namespace {

using nlohmann::json;

mockidp::SignatureMode ModeOf(const std::string& name) {
  using mockidp::SignatureMode;
  if (name == "tampered") return SignatureMode::kTampered;
  if (name == "empty") return SignatureMode::kEmpty;
  if (name == "truncated") return SignatureMode::kTruncated;
  if (name == "ecdsa_der") return SignatureMode::kEcdsaDer;
  if (name == "ecdsa_r_zero") return SignatureMode::kEcdsaZeroR;
  if (name == "ecdsa_s_zero") return SignatureMode::kEcdsaZeroS;
  if (name == "ecdsa_s_order") return SignatureMode::kEcdsaOrderS;
  return SignatureMode::kValid;
}

// The public key bytes an attacker would use as an HMAC secret.
std::string HmacSecret(const json& hmac_key, KeyPool& keys) {
  const mockidp::SigningKey& key = keys.Key(hmac_key["key"]);
  const std::string encoding = hmac_key["encoding"];
  if (encoding == "pem") return key.PublicPem();
  if (encoding == "pem_no_newlines") {
    std::string pem = key.PublicPem();
    std::erase(pem, '\n');
    return pem;
  }
  if (encoding == "der") return key.PublicDer();
  if (encoding == "raw") return key.RawPublicKey();
  if (encoding == "modulus_exponent") {
    return key.RawPublicKey() + key.RsaPublicExponent();
  }
  return key.PublicJwk().dump();
}

json MergedObject(json base, const json& token, const char* merge,
                  const char* remove, const PlaceholderValues& values) {
  if (token.contains(merge)) {
    for (const auto& [name, value] : token[merge].items()) {
      base[name] = SubstituteJson(value, values);
    }
  }
  if (token.contains(remove)) {
    for (const auto& name : token[remove]) base.erase(name.get<std::string>());
  }
  return base;
}

// Grows the claims to at least `size` bytes of JSON (ROB-1 vectors).
void PadClaims(json& claims, std::size_t size) {
  constexpr char kMember[] = "x-jwtconf-padding";
  const std::size_t current = claims.dump().size();
  const std::size_t overhead = sizeof(kMember) + 5;  // ,"name":""
  if (current >= size) return;
  claims[kMember] = std::string(
      size > current + overhead ? size - current - overhead : 1, 'a');
}

}  // namespace

std::string BuildToken(const json& token, KeyPool& keys,
                       const TokenContext& context) {
  const PlaceholderValues& values = context.values;
  if (token.contains("raw"))
    return SubstituteText(token["raw"].get<std::string>(), values);

  const std::string key_name = token.value("key", "rsa");
  const KeyDefinition& definition = keys.Definition(key_name);
  auto published = context.published_kids.find(key_name);
  const std::string kid = published != context.published_kids.end()
                              ? published->second
                              : definition.kid;

  mockidp::TokenSpec spec;
  const bool hmac = token.contains("hmac_key");
  spec.alg = token.value("alg", hmac ? "HS256" : definition.alg);
  if (hmac) {
    spec.hmac_secret = HmacSecret(token["hmac_key"], keys);
  } else {
    spec.key = &keys.Key(key_name);
  }
  spec.mode = ModeOf(token.value("signature", "valid"));

  json header = {{"alg", spec.alg}, {"typ", "JWT"}, {"kid", kid}};
  header = MergedObject(header, token, "header", "header_remove", values);
  json claims = {{"iss", values.issuer},
                 {"sub", "spiffe://example.org/workload-a"},
                 {"aud", values.audience},
                 {"iat", values.now},
                 {"exp", values.now + 600}};
  claims = MergedObject(claims, token, "claims", "claims_remove", values);
  if (token.contains("pad_payload_to")) {
    PadClaims(claims, token["pad_payload_to"].get<std::size_t>());
  }

  spec.header_json =
      token.contains("header_json")
          ? SubstituteText(token["header_json"].get<std::string>(), values)
          : header.dump();
  spec.payload_json =
      token.contains("payload_json")
          ? SubstituteText(token["payload_json"].get<std::string>(), values)
          : claims.dump();
  if (token.contains("header_b64")) {
    spec.header_b64 =
        SubstituteText(token["header_b64"].get<std::string>(), values);
  }
  if (token.contains("payload_b64")) {
    spec.payload_b64 =
        SubstituteText(token["payload_b64"].get<std::string>(), values);
  }
  return mockidp::MintToken(spec);
}

}  // namespace jwtconf::harness
