#include "ec_curve.h"

#include <openssl/obj_mac.h>

#include <array>

namespace jwtconf {
namespace {

constexpr std::array<EcCurve, 3> kEcCurves = {{
    {"P-256", "prime256v1", NID_X9_62_prime256v1, 32},
    {"P-384", "secp384r1", NID_secp384r1, 48},
    {"P-521", "secp521r1", NID_secp521r1, 66},
}};

}  // namespace

const EcCurve* FindEcCurve(std::string_view jose_name) {
  for (const EcCurve& curve : kEcCurves) {
    if (curve.jose_name == jose_name) return &curve;
  }
  return nullptr;
}

}  // namespace jwtconf
