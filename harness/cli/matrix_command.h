// `jwtconf matrix`: the reference and every adapter through the suite, side
// by side.
#pragma once

#include <CLI/CLI.hpp>

namespace jwtconf::harness {

void AddMatrixCommand(CLI::App& app);

}  // namespace jwtconf::harness
