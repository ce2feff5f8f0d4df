// `jwtconf verify`: one token through the reference verifier, with keys from
// a JWK Set file or from a trusted issuer's discovery.
#pragma once

#include <CLI/CLI.hpp>

namespace jwtconf::harness {

void AddVerifyCommand(CLI::App& app);

}  // namespace jwtconf::harness
