// The JOSE curve names this component knows, and their sizes.
#pragma once

#include <cstddef>
#include <string_view>

namespace jwtconf::mockidp::internal {

struct CurveInfo {
  std::string_view jose_name;     // "P-256"
  std::string_view openssl_name;  // "prime256v1"
  int nid;
  std::size_t coordinate_bytes;  // length of x, y, d, r and s
  std::string_view ecdsa_alg;    // "ES256"
};

// Null when the name is not one of P-256, P-384, P-521.
const CurveInfo* FindCurveByJoseName(std::string_view jose_name);
const CurveInfo* FindCurveByOpenSslName(std::string_view openssl_name);

}  // namespace jwtconf::mockidp::internal
