#include "libjwt_verify.h"

#include <jwt.h>

#include <ctime>
#include <memory>

#include "bench_fixtures.h"

namespace jwtconf::bench {
namespace {

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};

}  // namespace

bool LibjwtSupports(std::string_view alg) {
  return alg.starts_with("RS") || alg.starts_with("ES");
}

LibjwtVerify::LibjwtVerify(std::string token, std::string public_pem)
    : token_(std::move(token)), public_pem_(std::move(public_pem)) {}

bool LibjwtVerify::Verify() const {
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token_.c_str(),
                 reinterpret_cast<const unsigned char*>(public_pem_.data()),
                 static_cast<int>(public_pem_.size())) != 0) {
    return false;
  }
  std::unique_ptr<jwt_t, JwtFree> jwt(raw);

  // libjwt verifies with the token's own alg: the caller pins the family.
  if (jwt_get_alg(jwt.get()) == JWT_ALG_NONE) return false;

  const char* iss = jwt_get_grant(jwt.get(), "iss");
  const char* sub = jwt_get_grant(jwt.get(), "sub");
  const char* aud = jwt_get_grant(jwt.get(), "aud");
  if (iss == nullptr || std::string_view(iss) != kBenchIssuer ||
      sub == nullptr || *sub == '\0' || aud == nullptr ||
      std::string_view(aud) != kBenchAudience) {
    return false;
  }

  const long now = static_cast<long>(std::time(nullptr));
  const long exp = jwt_get_grant_int(jwt.get(), "exp");
  const long nbf = jwt_get_grant_int(jwt.get(), "nbf");
  return exp > now - 60 && nbf <= now + 60;
}

}  // namespace jwtconf::bench
