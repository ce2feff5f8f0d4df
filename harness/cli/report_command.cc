#include "report_command.h"

#include <algorithm>
#include <iostream>
#include <set>

#include "exit_codes.h"
#include "matrix.h"
#include "merge.h"
#include "report_files.h"
#include "results_reader.h"

namespace jwtconf::harness {
namespace {

namespace fs = std::filesystem;

struct MergeArguments {
  std::string out_dir;
  std::vector<std::string> inputs;
  bool disagreements = false;
};

// A short name for a target when no implementation.json says better: the
// reference, an adapter folder's name in a launch command, else the target.
std::string NameOfTarget(const std::string& target) {
  if (target == "reference (in-process)") return kReferenceName;
  static constexpr std::string_view kAdapters = "/adapters/";
  const std::size_t at = target.find(kAdapters);
  if (at != std::string::npos) {
    const std::size_t start = at + kAdapters.size();
    const std::size_t end = target.find('/', start);
    if (end != std::string::npos) return target.substr(start, end - start);
  }
  return target;
}

// The implementation a merged run belongs to: implementation.json beside
// any of its inputs (written by `jwtconf matrix`), else named by target.
Implementation Describe(const RunResult& run,
                        const std::vector<LabelledRun>& inputs) {
  for (const LabelledRun& input : inputs) {
    if (input.run.target != run.target) continue;
    if (std::optional<Implementation> described =
            ReadImplementationInfo(fs::path(input.label).parent_path())) {
      described->run = run;
      return *described;
    }
  }
  Implementation implementation;
  implementation.name = NameOfTarget(run.target);
  implementation.run = run;
  return implementation;
}

// One folder per implementation needs distinct, path-safe names.
void CheckNames(const Matrix& matrix) {
  std::set<std::string> names;
  for (const Implementation& implementation : matrix.implementations) {
    const std::string& name = implementation.name;
    if (name.empty() || name.find('/') != std::string::npos || name == "." ||
        name == "..") {
      throw CommandError("cannot name the implementation of target '" +
                             implementation.run->target +
                             "'; write an implementation.json beside its "
                             "results.json",
                         kExitUsage);
    }
    if (!names.insert(name).second) {
      throw CommandError("two targets are both named '" + name +
                             "'; write an implementation.json beside their "
                             "results.json",
                         kExitUsage);
    }
  }
}

int Merge(const MergeArguments& arguments) {
  std::vector<LabelledRun> inputs;
  for (const std::string& path : arguments.inputs) {
    try {
      inputs.push_back({path, ReadRunResultFile(path)});
    } catch (const ResultsError& e) {
      throw CommandError(e.what(), kExitUsage);
    }
  }
  std::vector<RunResult> merged;
  try {
    merged = MergeByTarget(inputs);
  } catch (const MergeError& e) {
    throw CommandError(std::string("cannot merge: ") + e.what(), kExitUsage);
  }
  const fs::path out_dir = arguments.out_dir;

  if (merged.size() == 1) {
    try {
      WriteReports(merged.front(), out_dir);
    } catch (const std::exception& e) {
      throw CommandError(std::string("cannot write reports: ") + e.what(),
                         kExitRunFailed);
    }
    const RunResult& run = merged.front();
    std::cout << "merged " << inputs.size()
              << " results: " << run.vectors.size() << " vectors of "
              << run.target << (run.partial ? " (partial)" : "") << "\n"
              << "reports: " << (out_dir / "results.json").string() << ", "
              << (out_dir / "junit.xml").string() << ", "
              << (out_dir / "report.md").string() << "\n";
    // As for `run`: a merged report with failures, or one that misses
    // vectors, does not pass a CI job.
    if (run.partial) {
      std::cerr << "jwtconf: the merged report is partial: an input was "
                   "interrupted or a shard is missing\n";
      return kExitMismatch;
    }
    return run.Summary().Failures() == 0 ? kExitOk : kExitMismatch;
  }

  Matrix matrix;
  matrix.tool_version = merged.front().tool_version;
  for (const RunResult& run : merged) {
    matrix.implementations.push_back(Describe(run, inputs));
  }
  // The reference first, as in `jwtconf matrix`.
  std::stable_partition(
      matrix.implementations.begin(), matrix.implementations.end(),
      [](const Implementation& i) { return i.name == kReferenceName; });
  CheckNames(matrix);
  matrix.generated_at = LatestFinish(matrix);
  try {
    for (const Implementation& implementation : matrix.implementations) {
      WriteReports(*implementation.run, out_dir / implementation.name);
      WriteImplementationInfo(implementation, out_dir / implementation.name);
    }
    WriteMatrixReports(matrix, out_dir);
    if (arguments.disagreements) {
      WriteDisagreements(matrix, FindDisagreements(matrix), out_dir);
    }
  } catch (const std::exception& e) {
    throw CommandError(std::string("cannot write reports: ") + e.what(),
                       kExitRunFailed);
  }
  std::cout << "merged " << inputs.size() << " results into a matrix of "
            << matrix.implementations.size() << " implementations\n"
            << "matrix: " << (out_dir / "matrix.md").string() << ", "
            << (out_dir / "matrix.html").string() << ", "
            << (out_dir / "matrix.json").string() << "\n";
  return kExitOk;
}

}  // namespace

void AddReportCommand(CLI::App& app) {
  CLI::App* report =
      app.add_subcommand("report", "Work with results.json files");
  report->require_subcommand(1);
  auto arguments = std::make_shared<MergeArguments>();
  CLI::App* merge = report->add_subcommand(
      "merge",
      "Combine results.json files: shards of one target into one report "
      "(results.json, junit.xml, report.md), several targets into a matrix "
      "(matrix.json, matrix.md, matrix.html)");
  merge->add_option("OUT_DIR", arguments->out_dir, "Output folder")->required();
  merge->add_option("IN", arguments->inputs, "results.json files")
      ->required()
      ->check(CLI::ExistingFile);
  merge->add_flag("--disagreements", arguments->disagreements,
                  "For a matrix, also write disagreements.md");
  merge->callback([arguments] { ExitWith(Merge(*arguments)); });
}

}  // namespace jwtconf::harness
