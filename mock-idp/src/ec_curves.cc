#include "ec_curves.h"

#include <openssl/obj_mac.h>

#include <array>
#include <stdexcept>
#include <string>

#include "jwtconf/mock_idp/signing_key.h"
#include "openssl_handles.h"

namespace jwtconf::mockidp {
namespace internal {
namespace {

constexpr std::array<CurveInfo, 3> kCurves = {{
    {"P-256", "prime256v1", NID_X9_62_prime256v1, 32, "ES256"},
    {"P-384", "secp384r1", NID_secp384r1, 48, "ES384"},
    {"P-521", "secp521r1", NID_secp521r1, 66, "ES512"},
}};

}  // namespace

const CurveInfo* FindCurveByJoseName(std::string_view jose_name) {
  for (const CurveInfo& curve : kCurves) {
    if (curve.jose_name == jose_name) return &curve;
  }
  return nullptr;
}

const CurveInfo* FindCurveByOpenSslName(std::string_view openssl_name) {
  for (const CurveInfo& curve : kCurves) {
    if (curve.openssl_name == openssl_name) return &curve;
  }
  return nullptr;
}

}  // namespace internal

std::string EcGroupOrder(std::string_view curve_name) {
  const internal::CurveInfo* curve = internal::FindCurveByJoseName(curve_name);
  if (curve == nullptr) {
    throw std::invalid_argument("unknown curve " + std::string(curve_name));
  }

  internal::EcGroupPtr group(EC_GROUP_new_by_curve_name(curve->nid));
  if (!group) internal::ThrowOpenSslError("cannot create EC group");

  std::string order(curve->coordinate_bytes, '\0');
  const BIGNUM* n = EC_GROUP_get0_order(group.get());
  if (n == nullptr ||
      BN_bn2binpad(n, reinterpret_cast<unsigned char*>(order.data()),
                   static_cast<int>(order.size())) < 0) {
    internal::ThrowOpenSslError("cannot read EC group order");
  }
  return order;
}

}  // namespace jwtconf::mockidp
