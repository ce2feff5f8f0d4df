#include "vectors_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "atomic_file.h"
#include "coverage.h"
#include "exit_codes.h"
#include "vector_export.h"
#include "vector_loader.h"

namespace jwtconf::harness {
namespace {

using nlohmann::json;

struct VectorsArguments {
  std::string vectors = JWTCONF_VECTORS_DIR;
  std::string format;
  std::string out;
  std::string export_file;
};

VectorSuite LoadSuite(const std::string& folder) {
  try {
    return LoadVectorSuite(folder);
  } catch (const VectorError& e) {
    throw CommandError(std::string("bad vectors: ") + e.what(), kExitUsage);
  }
}

int Coverage(const VectorsArguments& args) {
  const CoverageReport report = ComputeCoverage(LoadSuite(args.vectors));
  if (args.format == "json") {
    std::cout << CoverageToJson(report).dump(2) << "\n";
  } else if (args.format == "markdown") {
    std::cout << CoverageToMarkdown(report);
  } else {
    std::cout << CoverageToText(report);
  }
  if (report.complete()) return kExitOk;
  std::cerr << "jwtconf: coverage gaps: " << CoverageSummary(report) << "\n";
  return kExitMismatch;
}

int Export(const VectorsArguments& args) {
  const json exported = ExportVectors(LoadSuite(args.vectors), JWTCONF_VERSION);
  const std::string text = exported.dump(2) + "\n";
  if (args.out.empty() || args.out == "-") {
    std::cout << text;
  } else {
    try {
      WriteFileAtomically(args.out, text);
    } catch (const std::exception& e) {
      throw CommandError("--out: " + std::string(e.what()), kExitUsage);
    }
  }
  std::cerr << exported["numberOfTests"] << " tests in "
            << exported["testGroups"].size() << " groups, "
            << exported["skipped"].size() << " vectors skipped\n";
  return kExitOk;
}

int RunExportFile(const VectorsArguments& args) {
  std::ifstream in(args.export_file, std::ios::binary);
  if (!in) {
    throw CommandError("cannot read '" + args.export_file + "'", kExitUsage);
  }
  json exported = json::parse(in, nullptr, false);
  if (exported.is_discarded()) {
    throw CommandError("'" + args.export_file + "' is not JSON", kExitUsage);
  }
  ExportCheck check;
  try {
    check = RunExport(exported);
  } catch (const ExportFormatError& e) {
    throw CommandError(
        "'" + args.export_file + "' is not a jwtconf export: " + e.what(),
        kExitUsage);
  }
  for (const auto& failure : check.failures) {
    std::cerr << "fail " << failure << "\n";
  }
  std::cout << check.passed << " passed, " << check.failed << " failed\n";
  return check.failed == 0 ? kExitOk : kExitMismatch;
}

}  // namespace

void AddVectorsCommand(CLI::App& app) {
  CLI::App* vectors = app.add_subcommand(
      "vectors", "Requirement coverage of the vectors, and their export");
  vectors->require_subcommand(1);

  const auto coverage_args = std::make_shared<VectorsArguments>();
  coverage_args->format = "text";
  CLI::App* coverage = vectors->add_subcommand(
      "coverage",
      "Vectors per requirement and expected verdict; exit 1 when a MUST has "
      "no vector, or no reject vector (accept vector for HTTP-6, JWS-11)");
  coverage->add_option("--vectors", coverage_args->vectors, "Vectors folder")
      ->capture_default_str();
  coverage->add_option("--format", coverage_args->format, "Output format")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  coverage->callback([coverage_args] { ExitWith(Coverage(*coverage_args)); });

  const auto export_args = std::make_shared<VectorsArguments>();
  export_args->format = "json";
  CLI::App* export_command = vectors->add_subcommand(
      "export",
      "Write the single-token vectors with their JWK Sets as one "
      "Wycheproof-style JSON file (fresh keys on every export)");
  export_command
      ->add_option("--vectors", export_args->vectors, "Vectors folder")
      ->capture_default_str();
  export_command->add_option("--format", export_args->format, "Export format")
      ->check(CLI::IsMember({"json"}))
      ->capture_default_str();
  export_command->add_option("--out", export_args->out,
                             "File to write (default: standard output)");
  export_command->callback([export_args] { ExitWith(Export(*export_args)); });

  const auto run_args = std::make_shared<VectorsArguments>();
  CLI::App* run_export = vectors->add_subcommand(
      "run-export",
      "Run every test of an export through the reference verifier; exit 1 "
      "on any mismatch");
  run_export->add_option("file", run_args->export_file, "The export file")
      ->required();
  run_export->callback([run_args] { ExitWith(RunExportFile(*run_args)); });
}

}  // namespace jwtconf::harness
