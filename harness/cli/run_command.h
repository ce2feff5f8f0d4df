// `jwtconf run`: runs the vectors against a target and writes reports.
#pragma once

#include <CLI/CLI.hpp>

namespace jwtconf::harness {

void AddRunCommand(CLI::App& app);

}  // namespace jwtconf::harness
