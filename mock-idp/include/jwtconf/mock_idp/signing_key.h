// Key generation, JWK export and signing for the mock issuer. Shares no code
// with reference/: a bug here cannot hide by being mirrored there.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace jwtconf::mockidp {

enum class KeyType { kRsa, kEc, kOkp };

struct KeySpec {
  KeyType type = KeyType::kRsa;
  int rsa_bits = 2048;  // kRsa
  std::string curve;    // kEc: P-256, P-384, P-521; kOkp: Ed25519
};

// The usual key for a JWS algorithm: RSA 2048 for RS*/PS*, the curve of
// ES256/384/512, Ed25519 for EdDSA. Throws std::invalid_argument otherwise.
KeySpec KeySpecForAlg(const std::string& alg);

class SigningKey {
 public:
  // Fresh key from the OpenSSL RNG. Throws std::invalid_argument for an
  // unknown curve or fewer than 512 RSA bits, std::runtime_error on failure.
  static SigningKey Generate(const KeySpec& spec);
  // Parses a PKCS#8 or traditional private key PEM (deliberately weak
  // checked-in test keys). Throws std::runtime_error on failure.
  static SigningKey FromPrivatePem(std::string_view pem);

  const KeySpec& spec() const { return spec_; }

  // kty and key members only: n,e | crv,x,y | crv,x.
  nlohmann::json PublicJwk() const;
  // PublicJwk() plus the private members (d, p, q, dp, dq, qi | d).
  nlohmann::json PrivateJwk() const;
  // The bare public key bytes an HMAC-confusion attacker might use: the
  // RSA modulus, the uncompressed EC point (0x04 || X || Y), or the raw OKP
  // key.
  std::string RawPublicKey() const;
  // The RSA public exponent, big-endian; throws std::invalid_argument for
  // other key types.
  std::string RsaPublicExponent() const;
  std::string PublicPem() const;   // SubjectPublicKeyInfo, PEM
  std::string PublicDer() const;   // SubjectPublicKeyInfo, DER
  std::string PrivatePem() const;  // PKCS#8, PEM

  // JWS signature over `input` for alg RS*, PS*, ES* (fixed-length R||S),
  // EdDSA. Throws std::invalid_argument when alg does not fit the key.
  std::string Sign(std::string_view alg, std::string_view input) const;
  // ECDSA signature in DER form, as OpenSSL produces it (JWS-7 vectors).
  std::string SignEcdsaDer(std::string_view alg, std::string_view input) const;

 private:
  struct Impl;
  SigningKey(KeySpec spec, std::shared_ptr<Impl> impl);
  KeySpec spec_;
  std::shared_ptr<Impl> impl_;
};

// Big-endian order n of the named curve, padded to the coordinate length.
std::string EcGroupOrder(std::string_view curve);

// HMAC for HS256/384/512 keyed with arbitrary bytes (algorithm confusion).
std::string HmacSign(std::string_view alg, std::string_view key,
                     std::string_view input);

// base64url without padding.
std::string Base64UrlEncode(std::string_view bytes);

}  // namespace jwtconf::mockidp
