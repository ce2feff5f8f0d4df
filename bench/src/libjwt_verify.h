// Debian's libjwt (1.10) as a peer: jwt_decode with the issuer's PEM key,
// then the claim checks its users write by hand (it has no validator API).
#pragma once

#include <string>
#include <string_view>

namespace jwtconf::bench {

// Whether libjwt 1.10 implements `alg` (RS* and ES* only: no PS*, no EdDSA).
bool LibjwtSupports(std::string_view alg);

class LibjwtVerify {
 public:
  LibjwtVerify(std::string token, std::string public_pem);
  // Signature (jwt_decode parses the PEM key on every call: its API takes
  // key bytes, not a key object), then alg, iss, sub, aud, exp and nbf.
  bool Verify() const;

 private:
  std::string token_;
  std::string public_pem_;
  std::string alg_;
};

}  // namespace jwtconf::bench
