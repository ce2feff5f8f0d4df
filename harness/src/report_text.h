// Text helpers shared by the Markdown and HTML views of runs and matrices.
#pragma once

#include <string>
#include <string_view>

#include "run_result.h"

namespace jwtconf::harness {

// `text` cut to at most `limit` bytes on a UTF-8 boundary, with an ellipsis.
std::string Shorten(std::string_view text, std::size_t limit);

// Text safe inside a Markdown table cell: no line breaks, no pipes, no
// markup.
std::string Cell(std::string_view text);

// Text safe in HTML element content and in quoted attribute values.
std::string HtmlEscape(std::string_view text);

// "JWS-10" after "JWS-9": prefix first, then the number.
bool RequirementBefore(const std::string& a, const std::string& b);

// "JWS" of "JWS-10": the requirement's group.
std::string RequirementPrefix(std::string_view id);

// "reject (expired or bad_signature)".
std::string ExpectedText(const StepResult& step);

// "accept (ok), HTTP 200"; "none" when the step has no verdict.
std::string ObservedText(const StepResult& step);

// The first step whose outcome is the vector's, else the first step; null
// for a vector without steps.
const StepResult* DecisiveStep(const VectorResult& vector);

}  // namespace jwtconf::harness
