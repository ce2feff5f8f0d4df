#include "matrix_command.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "child_process.h"
#include "exit_codes.h"
#include "matrix.h"
#include "report_files.h"
#include "report_text.h"
#include "results_reader.h"
#include "shard.h"

namespace jwtconf::harness {
namespace {

namespace fs = std::filesystem;

constexpr auto kVersionTimeout = std::chrono::seconds(60);
constexpr int kMaxJobs = 16;

struct MatrixArguments {
  std::vector<std::string> only;
  std::string adapters = JWTCONF_ADAPTERS_DIR;
  std::string report_dir = JWTCONF_MATRIX_DIR;
  std::string vectors = JWTCONF_VECTORS_DIR;
  int jobs = 1;
  bool disagreements = false;
  // Passed through to every `jwtconf run`.
  std::string filter;
  std::string shard;
  std::string timeout_ms;
  std::string max_wait;
};

// An adapter folder's adapter.json (format in harness/adapters/README.md).
struct Adapter {
  Implementation implementation;
  fs::path dir;
  std::string launch;          // with {dir} filled
  std::string version;         // with {dir} filled
  std::string token_endpoint;  // "" for none
};

// A run in progress per slot, for forwarding SIGTERM to it.
std::atomic<pid_t> g_children[kMaxJobs];
std::atomic<bool> g_interrupted{false};

extern "C" void OnMatrixSignal(int signal_number) {
  g_interrupted = true;
  for (std::atomic<pid_t>& child : g_children) {
    const pid_t pid = child.load();
    if (pid > 0) kill(pid, signal_number);
  }
}

std::string Replace(std::string text, std::string_view from,
                    const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string StringMember(const nlohmann::json& manifest, const char* key,
                         bool required) {
  if (!manifest.contains(key) || manifest[key].is_null()) {
    if (required)
      throw std::runtime_error(std::string("missing \"") + key + "\"");
    return "";
  }
  if (!manifest[key].is_string()) {
    throw std::runtime_error(std::string("\"") + key + "\" is not a string");
  }
  return manifest[key].get<std::string>();
}

// Throws std::runtime_error naming what is wrong with the manifest.
Adapter ReadAdapter(const fs::path& dir) {
  std::ifstream file(dir / "adapter.json");
  std::ostringstream content;
  content << file.rdbuf();
  const nlohmann::json manifest =
      nlohmann::json::parse(content.str(), nullptr, false);
  if (!manifest.is_object()) throw std::runtime_error("not a JSON object");

  Adapter adapter;
  adapter.dir = fs::absolute(dir).lexically_normal();
  Implementation& implementation = adapter.implementation;
  implementation.name = StringMember(manifest, "name", true);
  if (implementation.name != dir.filename().string()) {
    throw std::runtime_error("\"name\" is '" + implementation.name +
                             "', the folder is " + dir.filename().string());
  }
  implementation.library = StringMember(manifest, "library", true);
  implementation.language = StringMember(manifest, "language", false);
  implementation.discovery = StringMember(manifest, "discovery", false);
  // {dir} first, quoted for the shell that runs the command; the runner
  // fills the other placeholders.
  const std::string dir_word = ShellQuote(adapter.dir.string());
  adapter.launch =
      Replace(StringMember(manifest, "launch", true), "{dir}", dir_word);
  adapter.version =
      Replace(StringMember(manifest, "version", true), "{dir}", dir_word);
  adapter.token_endpoint = StringMember(manifest, "token_endpoint", false);
  return adapter;
}

// Every folder of `root` with an adapter.json, sorted by name; folders
// without one (shared code) are not adapters.
std::vector<Adapter> DiscoverAdapters(const fs::path& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    throw CommandError("--adapters: not a folder: " + root.string(),
                       kExitUsage);
  }
  std::vector<fs::path> dirs;
  for (const fs::directory_entry& entry : fs::directory_iterator(root)) {
    if (fs::exists(entry.path() / "adapter.json")) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  std::vector<Adapter> adapters;
  for (const fs::path& dir : dirs) {
    try {
      adapters.push_back(ReadAdapter(dir));
    } catch (const std::exception& e) {
      throw CommandError((dir / "adapter.json").string() + ": " + e.what(),
                         kExitUsage);
    }
  }
  return adapters;
}

void SelectOnly(std::vector<Adapter>& adapters,
                const std::vector<std::string>& only) {
  if (only.empty()) return;
  for (const std::string& name : only) {
    const bool known = name == kReferenceName ||
                       std::any_of(adapters.begin(), adapters.end(),
                                   [&](const Adapter& adapter) {
                                     return adapter.implementation.name == name;
                                   });
    if (!known) {
      std::string names;
      for (const Adapter& adapter : adapters) {
        names += " " + adapter.implementation.name;
      }
      throw CommandError(
          "--only: no adapter named '" + name + "'; known:" + names,
          kExitUsage);
    }
  }
  std::erase_if(adapters, [&](const Adapter& adapter) {
    return std::find(only.begin(), only.end(), adapter.implementation.name) ==
           only.end();
  });
}

// The last non-empty line of `text`, shortened.
std::string LastLine(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  std::string last;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  }
  return Shorten(last, 300);
}

// Runs the adapter's version command: its first output line, or why the
// adapter is unavailable.
void CheckVersion(Adapter& adapter) {
  Implementation& implementation = adapter.implementation;
  ShellResult result;
  try {
    result = RunShellCommand(adapter.version, kVersionTimeout);
  } catch (const std::exception& e) {
    implementation.availability = Availability::kUnavailable;
    implementation.reason = e.what();
    return;
  }
  if (result.timed_out || result.exit_code != 0) {
    implementation.availability = Availability::kUnavailable;
    const std::string said = LastLine(result.errors + "\n" + result.output);
    implementation.reason =
        (result.timed_out ? "version command timed out"
                          : "version command exited with status " +
                                std::to_string(result.exit_code)) +
        (said.empty() ? "" : ": " + said);
    return;
  }
  implementation.versions =
      Shorten(result.output.substr(0, result.output.find('\n')), 300);
}

struct PlannedRun {
  Implementation* implementation;
  std::vector<std::string> argv;
  fs::path dir;
  int exit_code = -1;
  std::string adapter_dir;  // as the launch command quotes it; "" for none
};

std::vector<std::string> RunArgv(const MatrixArguments& arguments,
                                 const fs::path& dir) {
  std::vector<std::string> argv = {fs::read_symlink("/proc/self/exe").string(),
                                   "run",
                                   "--vectors",
                                   arguments.vectors,
                                   "--report-dir",
                                   dir.string()};
  const std::pair<const char*, const std::string*> passed[] = {
      {"--filter", &arguments.filter},
      {"--shard", &arguments.shard},
      {"--timeout-ms", &arguments.timeout_ms},
      {"--max-wait", &arguments.max_wait}};
  for (const auto& [option, value] : passed) {
    if (value->empty()) continue;
    argv.push_back(option);
    argv.push_back(*value);
  }
  return argv;
}

// Removes the results of an earlier matrix run, so that an implementation
// that does not run now leaves nothing that looks current.
void ClearResults(const fs::path& dir) {
  std::error_code ignored;
  for (const char* name : {"results.json", "junit.xml", "report.md"}) {
    fs::remove(dir / name, ignored);
  }
}

// Runs at most `jobs` runs at once; each run's exit code sets its
// implementation's availability.
void RunAll(std::vector<PlannedRun>& runs, int jobs) {
  std::map<pid_t, std::pair<PlannedRun*, int>> running;  // pid: run, slot
  std::vector<bool> slots(jobs, false);
  std::size_t next = 0;
  while (next < runs.size() || !running.empty()) {
    while (!g_interrupted && next < runs.size() &&
           static_cast<int>(running.size()) < jobs) {
      PlannedRun& run = runs[next++];
      const int slot = static_cast<int>(
          std::find(slots.begin(), slots.end(), false) - slots.begin());
      std::cerr << "matrix: running " << run.implementation->name << "\n";
      try {
        const pid_t pid = SpawnLogged(run.argv, run.dir / "run.log");
        slots[slot] = true;
        g_children[slot] = pid;
        running[pid] = {&run, slot};
      } catch (const std::exception& e) {
        run.implementation->availability = Availability::kFailed;
        run.implementation->reason = e.what();
      }
    }
    if (running.empty()) break;
    const auto [pid, code] = WaitAnyChild();
    auto found = running.find(pid);
    if (found == running.end()) continue;
    auto [run, slot] = found->second;
    running.erase(found);
    slots[slot] = false;
    g_children[slot] = 0;
    run->exit_code = code;
    Implementation& implementation = *run->implementation;
    // Passed, findings, interrupted or timed out: results, maybe partial;
    // anything else means the run did not happen.
    if (code != kExitOk && code != kExitMismatch && code != kExitInterrupted &&
        code != kExitRunTimedOut) {
      implementation.availability = Availability::kFailed;
      implementation.reason = "jwtconf run exited with status " +
                              std::to_string(code) + ": " + LastLine([&] {
                                std::ifstream log(run->dir / "run.log");
                                std::ostringstream text;
                                text << log.rdbuf();
                                return text.str();
                              }());
    }
    std::cerr << "matrix: " << implementation.name << " done (exit " << code
              << ")\n";
  }
}

void ReadResults(PlannedRun& run) {
  Implementation& implementation = *run.implementation;
  if (implementation.availability != Availability::kAvailable) return;
  try {
    implementation.run = ReadRunResultFile(run.dir / "results.json");
    // The matrix names the adapter folder as the manifest does, so that it
    // reads the same wherever the repository is checked out.
    if (!run.adapter_dir.empty()) {
      implementation.run->target =
          Replace(implementation.run->target, run.adapter_dir, "{dir}");
    }
  } catch (const ResultsError& e) {
    implementation.availability = Availability::kFailed;
    implementation.reason = e.what();
  }
}

std::string ScoreText(const Implementation& implementation) {
  if (!implementation.run) {
    return std::string(AvailabilityName(implementation.availability)) + ": " +
           implementation.reason;
  }
  const Score score = ScoreOf(*implementation.run);
  std::ostringstream text;
  text << score.passed << "/" << score.tested;
  if (score.value) {
    text << " = " << std::fixed << std::setprecision(1) << *score.value * 100
         << " %";
  }
  if (implementation.run->partial) text << " (partial)";
  return text.str();
}

void PrintDisagreements(const std::vector<Disagreement>& disagreements) {
  std::cout << disagreements.size()
            << " disagreements (reference against the third-party "
               "majority):\n";
  for (const Disagreement& disagreement : disagreements) {
    const VectorResult& vector = *disagreement.vector;
    std::cout << "  " << vector.id << " ["
              << (vector.requirements.empty() ? "" : vector.requirements[0])
              << "] expected " << ExpectedVerdicts(vector) << ", reference "
              << disagreement.reference_verdict << ", majority "
              << disagreement.majority_verdict << " ("
              << disagreement.majority_count << " of " << disagreement.voters
              << ")\n";
  }
}

int RunMatrix(const MatrixArguments& arguments) {
  if (!arguments.shard.empty()) {
    try {
      ParseShard(arguments.shard);
    } catch (const std::invalid_argument& e) {
      throw CommandError(std::string("--shard: ") + e.what(), kExitUsage);
    }
  }
  std::vector<Adapter> adapters = DiscoverAdapters(arguments.adapters);
  SelectOnly(adapters, arguments.only);
  const fs::path report_dir = fs::absolute(arguments.report_dir);
  std::error_code error;
  fs::create_directories(report_dir, error);
  if (error) {
    throw CommandError("cannot create report folder " + report_dir.string() +
                           ": " + error.message(),
                       kExitUsage);
  }

  Matrix matrix;
  matrix.tool_version = JWTCONF_VERSION;
  Implementation reference;
  reference.name = kReferenceName;
  reference.library = "jwtconf reference verifier (in-process)";
  reference.language = "C++20 (OpenSSL 3)";
  reference.discovery = "library";
  reference.versions = "jwtconf " + std::string(JWTCONF_VERSION);
  matrix.implementations.push_back(reference);
  for (Adapter& adapter : adapters) {
    CheckVersion(adapter);
    std::cerr << "matrix: " << adapter.implementation.name << ": "
              << (adapter.implementation.availability ==
                          Availability::kAvailable
                      ? adapter.implementation.versions
                      : adapter.implementation.reason)
              << "\n";
    matrix.implementations.push_back(adapter.implementation);
  }

  std::vector<PlannedRun> runs;
  for (std::size_t i = 0; i < matrix.implementations.size(); ++i) {
    Implementation& implementation = matrix.implementations[i];
    const fs::path dir = report_dir / implementation.name;
    fs::create_directories(dir, error);
    ClearResults(dir);
    if (implementation.availability != Availability::kAvailable) continue;
    std::vector<std::string> argv = RunArgv(arguments, dir);
    if (i > 0) {
      const Adapter& adapter = adapters[i - 1];
      argv.push_back("--launch");
      argv.push_back(adapter.launch);
      if (!adapter.token_endpoint.empty()) {
        argv.push_back("--token-endpoint");
        argv.push_back(adapter.token_endpoint);
      }
    }
    runs.push_back({&implementation, argv, dir, -1,
                    i > 0 ? ShellQuote(adapters[i - 1].dir.string()) : ""});
  }

  g_interrupted = false;
  signal(SIGINT, OnMatrixSignal);
  signal(SIGTERM, OnMatrixSignal);
  RunAll(runs, arguments.jobs);
  // The options passed through were refused: say so instead of reporting
  // every implementation as failed.
  if (!runs.empty() && runs.front().exit_code == kExitUsage) {
    throw CommandError(runs.front().implementation->reason, kExitUsage);
  }
  for (PlannedRun& run : runs) ReadResults(run);
  matrix.generated_at = LatestFinish(matrix);

  try {
    for (const Implementation& implementation : matrix.implementations) {
      WriteImplementationInfo(implementation, report_dir / implementation.name);
    }
    WriteMatrixReports(matrix, report_dir);
  } catch (const std::exception& e) {
    throw CommandError(std::string("cannot write reports: ") + e.what(),
                       kExitRunFailed);
  }
  for (const Implementation& implementation : matrix.implementations) {
    std::cout << implementation.name << ": " << ScoreText(implementation)
              << "\n";
  }
  if (arguments.disagreements) {
    const std::vector<Disagreement> disagreements = FindDisagreements(matrix);
    PrintDisagreements(disagreements);
    WriteDisagreements(matrix, disagreements, report_dir);
    std::cout << "disagreements: " << (report_dir / "disagreements.md").string()
              << "\n";
  }
  std::cout << "matrix: " << (report_dir / "matrix.md").string() << ", "
            << (report_dir / "matrix.html").string() << ", "
            << (report_dir / "matrix.json").string() << "\n";
  if (g_interrupted) return kExitInterrupted;
  // Findings in third-party implementations are the matrix's product, not
  // a failure of the command; a reference that did not run is.
  return matrix.implementations.front().run ? kExitOk : kExitRunFailed;
}

}  // namespace

void AddMatrixCommand(CLI::App& app) {
  auto arguments = std::make_shared<MatrixArguments>();
  CLI::App* matrix = app.add_subcommand(
      "matrix",
      "Run the reference and every adapter through the suite and write an "
      "interop matrix (matrix.json, matrix.md, matrix.html)");
  matrix
      ->add_option("--only", arguments->only,
                   "Only these adapters (comma-separated names); the "
                   "reference always runs")
      ->delimiter(',');
  matrix->add_option("--adapters", arguments->adapters, "Adapters folder")
      ->capture_default_str();
  matrix
      ->add_option("--report-dir", arguments->report_dir,
                   "Where matrix.* and one folder per implementation go")
      ->capture_default_str();
  matrix->add_option("--vectors", arguments->vectors, "Vectors folder")
      ->capture_default_str();
  matrix
      ->add_option("--jobs", arguments->jobs,
                   "Implementations run at the same time")
      ->check(CLI::Range(1, kMaxJobs))
      ->capture_default_str();
  matrix->add_flag("--disagreements", arguments->disagreements,
                   "List vectors where the reference's verdict differs from "
                   "the third-party majority (also disagreements.md)");
  matrix->add_option("--filter", arguments->filter,
                     "Passed to jwtconf run: vector id regular expression");
  matrix->add_option("--shard", arguments->shard,
                     "Passed to jwtconf run: slice I/N of the vectors");
  matrix->add_option("--timeout-ms", arguments->timeout_ms,
                     "Passed to jwtconf run: per-request timeout");
  matrix->add_option("--max-wait", arguments->max_wait,
                     "Passed to jwtconf run: seconds of clock-moving "
                     "vectors run by waiting");
  matrix->callback([arguments] { ExitWith(RunMatrix(*arguments)); });
}

}  // namespace jwtconf::harness
