// The named curves of the profile (RFC 7518 §6.2.1.1) and their sizes.
#pragma once

#include <cstddef>
#include <string_view>

namespace jwtconf {

struct EcCurve {
  std::string_view jose_name;     // "P-256"
  std::string_view openssl_name;  // group name for OSSL_PKEY_PARAM_GROUP_NAME
  int nid;
  std::size_t coordinate_bytes;
};

// nullptr for a curve outside P-256, P-384, P-521.
const EcCurve* FindEcCurve(std::string_view jose_name);

}  // namespace jwtconf
