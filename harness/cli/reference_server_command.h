// `jwtconf reference-server`: the reference verifier behind RFC 6750 bearer
// authentication, on a loopback port, for trusted issuers found by
// discovery. Prints `listening on http://HOST:PORT` once ready; stops on
// SIGINT/SIGTERM or after --duration. Failures print to stderr and end the
// command with CLI::RuntimeError carrying the exit code (2: bad usage or
// configuration, 1: the server could not run).
#pragma once

#include <CLI/CLI.hpp>

namespace jwtconf::harness {

void AddReferenceServerCommand(CLI::App& app);

}  // namespace jwtconf::harness
