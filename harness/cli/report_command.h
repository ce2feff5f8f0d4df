// `jwtconf report merge`: one report from the results.json of shards and
// of several implementations.
#pragma once

#include <CLI/CLI.hpp>

namespace jwtconf::harness {

void AddReportCommand(CLI::App& app);

}  // namespace jwtconf::harness
