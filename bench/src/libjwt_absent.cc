// Built instead of libjwt_verify.cc when libjwt-dev is not installed: every
// algorithm is then reported as n/a for libjwt.
#include "libjwt_verify.h"

namespace jwtconf::bench {

bool LibjwtSupports(std::string_view) { return false; }

LibjwtVerify::LibjwtVerify(std::string token, std::string public_pem)
    : token_(std::move(token)), public_pem_(std::move(public_pem)) {}

bool LibjwtVerify::Verify() const { return false; }

}  // namespace jwtconf::bench
