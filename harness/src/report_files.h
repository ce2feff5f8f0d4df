// The report files of a run and of a matrix, each written atomically.
#pragma once

#include <filesystem>

#include "matrix.h"
#include "run_result.h"

namespace jwtconf::harness {

// results.json, junit.xml and report.md in `dir`.
void WriteReports(const RunResult& run, const std::filesystem::path& dir);

// matrix.json, matrix.md and matrix.html in `dir`.
void WriteMatrixReports(const Matrix& matrix, const std::filesystem::path& dir);

// disagreements.md in `dir`.
void WriteDisagreements(const Matrix& matrix,
                        const std::vector<Disagreement>& disagreements,
                        const std::filesystem::path& dir);

// implementation.json in `dir`: what the matrix knows about an
// implementation besides its results (name, library, versions, ...), so
// that `report merge` can name it; and its reader (nullopt without one).
void WriteImplementationInfo(const Implementation& implementation,
                             const std::filesystem::path& dir);
std::optional<Implementation> ReadImplementationInfo(
    const std::filesystem::path& dir);

}  // namespace jwtconf::harness
