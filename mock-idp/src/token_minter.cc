#include "jwtconf/mock_idp/token_minter.h"

#include <stdexcept>
#include <string>

namespace jwtconf::mockidp {
namespace {

enum class EcdsaHalf { kR, kS };

bool IsHmacAlg(std::string_view alg) {
  return alg == "HS256" || alg == "HS384" || alg == "HS512";
}

std::string ValidSignature(const TokenSpec& spec,
                           const std::string& signing_input) {
  // RFC 7518 3.6: the signature of "none" is the empty octet sequence.
  if (spec.alg == "none") return "";

  if (spec.hmac_secret) {
    if (!IsHmacAlg(spec.alg)) {
      throw std::invalid_argument("hmac_secret given for alg " + spec.alg);
    }
    return HmacSign(spec.alg, *spec.hmac_secret, signing_input);
  }

  if (IsHmacAlg(spec.alg)) {
    throw std::invalid_argument(spec.alg + " needs hmac_secret");
  }
  if (spec.key == nullptr) {
    throw std::invalid_argument("no key to sign " + spec.alg + " with");
  }
  return spec.key->Sign(spec.alg, signing_input);
}

std::string NonEmptyValidSignature(const TokenSpec& spec,
                                   const std::string& signing_input) {
  std::string sig = ValidSignature(spec, signing_input);
  if (sig.empty()) {
    throw std::invalid_argument("alg " + spec.alg + " has no signature bytes");
  }
  return sig;
}

const SigningKey& EcKey(const TokenSpec& spec) {
  if (spec.key == nullptr || spec.key->spec().type != KeyType::kEc) {
    throw std::invalid_argument("ECDSA signature modes need an EC key");
  }
  return *spec.key;
}

// Replaces one half of a valid R||S, so that only that half is out of range
// and a verifier cannot reject the token for another reason.
std::string SpliceEcdsa(const TokenSpec& spec, const std::string& signing_input,
                        EcdsaHalf half, const std::string& value) {
  std::string sig = EcKey(spec).Sign(spec.alg, signing_input);
  const std::size_t width = sig.size() / 2;
  sig.replace(half == EcdsaHalf::kR ? 0 : width, width, value);
  return sig;
}

std::string Signature(const TokenSpec& spec, const std::string& signing_input) {
  switch (spec.mode) {
    case SignatureMode::kValid:
      return ValidSignature(spec, signing_input);
    case SignatureMode::kEmpty:
      return "";
    case SignatureMode::kTampered: {
      std::string sig = NonEmptyValidSignature(spec, signing_input);
      sig[sig.size() / 2] ^= 0x01;
      return sig;
    }
    case SignatureMode::kTruncated: {
      std::string sig = NonEmptyValidSignature(spec, signing_input);
      sig.pop_back();
      return sig;
    }
    case SignatureMode::kEcdsaDer:
      return EcKey(spec).SignEcdsaDer(spec.alg, signing_input);
    case SignatureMode::kEcdsaZeroR:
    case SignatureMode::kEcdsaZeroS: {
      const std::string zero(EcGroupOrder(EcKey(spec).spec().curve).size(),
                             '\0');
      return SpliceEcdsa(spec, signing_input,
                         spec.mode == SignatureMode::kEcdsaZeroR
                             ? EcdsaHalf::kR
                             : EcdsaHalf::kS,
                         zero);
    }
    case SignatureMode::kEcdsaOrderS:
      return SpliceEcdsa(spec, signing_input, EcdsaHalf::kS,
                         EcGroupOrder(EcKey(spec).spec().curve));
  }
  throw std::logic_error("unhandled signature mode");
}

}  // namespace

std::string MintToken(const TokenSpec& spec) {
  const std::string signing_input =
      spec.header_b64.value_or(Base64UrlEncode(spec.header_json)) + "." +
      spec.payload_b64.value_or(Base64UrlEncode(spec.payload_json));
  return signing_input + "." + Base64UrlEncode(Signature(spec, signing_input));
}

}  // namespace jwtconf::mockidp
