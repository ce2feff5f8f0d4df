#include "jwtconf/mock_idp/token_minter.h"

#include <stdexcept>
#include <string>

namespace jwtconf::mockidp {
namespace {

bool IsHmacAlg(std::string_view alg) {
  return alg == "HS256" || alg == "HS384" || alg == "HS512";
}

bool IsEcdsaMode(SignatureMode mode) {
  return mode == SignatureMode::kEcdsaDer ||
         mode == SignatureMode::kEcdsaZeroR ||
         mode == SignatureMode::kEcdsaZeroS ||
         mode == SignatureMode::kEcdsaOrderS;
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

// Splices a made-up half into a valid R||S, so that only the chosen half is
// out of range and a verifier cannot reject the token for another reason.
std::string BrokenEcdsa(const TokenSpec& spec,
                        const std::string& signing_input) {
  if (spec.key == nullptr || spec.key->spec().type != KeyType::kEc) {
    throw std::invalid_argument("ECDSA signature modes need an EC key");
  }
  if (spec.mode == SignatureMode::kEcdsaDer) {
    return spec.key->SignEcdsaDer(spec.alg, signing_input);
  }

  std::string sig = spec.key->Sign(spec.alg, signing_input);
  const std::size_t width = sig.size() / 2;
  switch (spec.mode) {
    case SignatureMode::kEcdsaZeroR:
      sig.replace(0, width, width, '\0');
      break;
    case SignatureMode::kEcdsaZeroS:
      sig.replace(width, width, width, '\0');
      break;
    case SignatureMode::kEcdsaOrderS:
      sig.replace(width, width, EcGroupOrder(spec.key->spec().curve));
      break;
    default:
      throw std::logic_error("not a broken ECDSA mode");
  }
  return sig;
}

std::string Signature(const TokenSpec& spec, const std::string& signing_input) {
  if (spec.mode == SignatureMode::kEmpty) return "";
  if (IsEcdsaMode(spec.mode)) return BrokenEcdsa(spec, signing_input);

  std::string sig = ValidSignature(spec, signing_input);
  switch (spec.mode) {
    case SignatureMode::kValid:
      return sig;
    case SignatureMode::kTampered:
      if (sig.empty()) {
        throw std::invalid_argument("no signature bits to flip for " +
                                    spec.alg);
      }
      sig[sig.size() / 2] ^= 0x01;
      return sig;
    case SignatureMode::kTruncated:
      if (sig.empty()) {
        throw std::invalid_argument("no signature bytes to drop for " +
                                    spec.alg);
      }
      sig.pop_back();
      return sig;
    default:
      throw std::logic_error("signature mode handled above");
  }
}

}  // namespace

std::string MintToken(const TokenSpec& spec) {
  const std::string signing_input =
      spec.header_b64.value_or(Base64UrlEncode(spec.header_json)) + "." +
      spec.payload_b64.value_or(Base64UrlEncode(spec.payload_json));
  return signing_input + "." + Base64UrlEncode(Signature(spec, signing_input));
}

}  // namespace jwtconf::mockidp
