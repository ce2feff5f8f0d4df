// `jwtconf vectors`: work with the vector files themselves (coverage of the
// requirements, export for harnesses in other languages, and running such an
// export through the reference verifier).
#pragma once

#include <CLI/CLI.hpp>

namespace jwtconf::harness {

void AddVectorsCommand(CLI::App& app);

}  // namespace jwtconf::harness
