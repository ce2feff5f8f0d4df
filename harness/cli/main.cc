// jwtconf: conformance and interoperability suite for JWT bearer verifiers.
#include <CLI/CLI.hpp>
#include <iostream>

#include "exit_codes.h"
#include "matrix_command.h"
#include "mock_idp_command.h"
#include "probe_issuer_command.h"
#include "reference_server_command.h"
#include "report_command.h"
#include "run_command.h"
#include "vectors_command.h"
#include "verify_command.h"

int main(int argc, char** argv) {
  using namespace jwtconf::harness;
  CLI::App app{"jwtconf: conformance suite for headless JWT bearer verifiers",
               "jwtconf"};
  app.set_version_flag("--version", JWTCONF_VERSION);
  app.require_subcommand(1);
  AddRunCommand(app);
  AddReferenceServerCommand(app);
  AddMockIdpCommand(app);
  AddVerifyCommand(app);
  AddVectorsCommand(app);
  AddMatrixCommand(app);
  AddReportCommand(app);
  AddProbeIssuerCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const CommandError& e) {
    std::cerr << "jwtconf: error: " << e.what() << "\n";
    return e.code();
  } catch (const CommandExit& exit) {
    return exit.code;
  } catch (const std::exception& e) {
    std::cerr << "jwtconf: error: " << e.what() << "\n";
    return kExitRunFailed;
  }
  return kExitOk;
}
