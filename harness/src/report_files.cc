#include "report_files.h"

#include <fstream>
#include <sstream>

#include "atomic_file.h"
#include "json_report.h"
#include "junit_report.h"
#include "markdown_report.h"
#include "matrix_html.h"
#include "matrix_markdown.h"

namespace jwtconf::harness {

void WriteReports(const RunResult& run, const std::filesystem::path& dir) {
  WriteFileAtomically(dir / "results.json", RunToJsonText(run));
  WriteFileAtomically(dir / "junit.xml", RunToJunitXml(run));
  WriteFileAtomically(dir / "report.md", RunToMarkdown(run));
}

void WriteMatrixReports(const Matrix& matrix,
                        const std::filesystem::path& dir) {
  WriteFileAtomically(
      dir / "matrix.json",
      MatrixToJson(matrix).dump(1, ' ', false,
                                nlohmann::json::error_handler_t::replace) +
          "\n");
  WriteFileAtomically(dir / "matrix.md", MatrixToMarkdown(matrix));
  WriteFileAtomically(dir / "matrix.html", MatrixToHtml(matrix));
}

void WriteDisagreements(const Matrix& matrix,
                        const std::vector<Disagreement>& disagreements,
                        const std::filesystem::path& dir) {
  WriteFileAtomically(dir / "disagreements.md",
                      DisagreementsToMarkdown(matrix, disagreements));
}

void WriteImplementationInfo(const Implementation& implementation,
                             const std::filesystem::path& dir) {
  const nlohmann::json document = ImplementationInfoToJson(implementation);
  WriteFileAtomically(
      dir / "implementation.json",
      document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
          "\n");
}

std::optional<Implementation> ReadImplementationInfo(
    const std::filesystem::path& dir) {
  std::ifstream file(dir / "implementation.json");
  if (!file) return std::nullopt;
  std::ostringstream content;
  content << file.rdbuf();
  const nlohmann::json document =
      nlohmann::json::parse(content.str(), nullptr, false);
  if (!document.is_object() || !document.contains("name") ||
      !document["name"].is_string()) {
    return std::nullopt;
  }
  Implementation implementation;
  implementation.name = document["name"];
  implementation.library = document.value("library", "");
  implementation.language = document.value("language", "");
  implementation.discovery = document.value("discovery", "");
  implementation.versions = document.value("versions", "");
  return implementation;
}

}  // namespace jwtconf::harness
