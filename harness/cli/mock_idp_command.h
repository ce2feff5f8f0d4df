// `jwtconf mock-idp`: one or more mock OpenID issuers on a loopback port, for
// trying a verifier by hand. Each issuer NAME gets generated keys (one per
// --alg), a discovery document, a JWK Set, and POST /mint and /rotate.
//
// stdout, once ready: one line `issuer URL` per issuer, then with --mint one
// line `token NAME JWT` per issuer. stderr: how to mint more. Stops after
// --duration seconds or on SIGINT/SIGTERM, with exit code 0. Bad arguments
// throw CommandError with kExitUsage; a server that cannot start,
// kExitRunFailed.
#pragma once

#include <CLI/CLI.hpp>

namespace jwtconf::harness {

void AddMockIdpCommand(CLI::App& app);

}  // namespace jwtconf::harness
