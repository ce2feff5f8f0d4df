// `jwtconf reference-server`: the reference verifier behind RFC 6750 bearer
// authentication, on a loopback port, for trusted issuers found by
// discovery. Prints `listening on http://HOST:PORT` once ready; stops on
// SIGINT/SIGTERM or after --duration. Failures throw CommandError
// (exit_codes.h): kExitUsage for bad arguments or configuration,
// kExitRunFailed when the server cannot start.
#pragma once

#include <CLI/CLI.hpp>

namespace jwtconf::harness {

void AddReferenceServerCommand(CLI::App& app);

}  // namespace jwtconf::harness
