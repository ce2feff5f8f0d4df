// The state behind SigningKey, shared by the files that implement it.
#pragma once

#include "jwtconf/mock_idp/signing_key.h"
#include "openssl_handles.h"

namespace jwtconf::mockidp {

struct SigningKey::Impl {
  internal::PkeyPtr pkey;
};

}  // namespace jwtconf::mockidp
