// `jwtconf probe-issuer URL`: checks a real issuer's discovery document and
// JWK Set against the catalogue, fetching only those two documents.
#pragma once

#include <CLI/CLI.hpp>

namespace jwtconf::harness {

void AddProbeIssuerCommand(CLI::App& app);

}  // namespace jwtconf::harness
