// Markdown views of an interop matrix: the summary with differences and
// findings (matrix.md), and the disagreement list (disagreements.md).
#pragma once

#include <string>

#include "matrix.h"

namespace jwtconf::harness {

// Summary table per implementation, then per requirement group only the
// vectors on which implementations differ, then findings per
// implementation (vectors not passing, with their requirement).
std::string MatrixToMarkdown(const Matrix& matrix);

// The disagreements between the reference and the third-party majority.
std::string DisagreementsToMarkdown(
    const Matrix& matrix, const std::vector<Disagreement>& disagreements);

}  // namespace jwtconf::harness
