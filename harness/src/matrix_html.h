// The interop matrix as one self-contained HTML page: inline CSS and script,
// the matrix data embedded as JSON, no network fetches.
#pragma once

#include <string>

#include "matrix.h"

namespace jwtconf::harness {

// Implementations × vectors grouped by requirement, cells coloured by
// outcome with a legend, a score row, and per cell an anchor (#c-ROW-COL)
// that shows the vector, expected and observed verdicts, reason and
// response detail. After rendering, the script sets data-rendered-rows on
// <html> to the number of vector rows; a script error sets
// data-script-error instead (the headless-browser test reads both).
std::string MatrixToHtml(const Matrix& matrix);

// `document` as text safe inside <script type="application/json">: '<', '>'
// and '&' as \u escapes, non-ASCII escaped, invalid UTF-8 replaced.
std::string JsonForScript(const nlohmann::json& document);

}  // namespace jwtconf::harness
