#include "report_text.h"

#include <charconv>
#include <utility>

namespace jwtconf::harness {

std::string Shorten(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(text.substr(0, end)) + "…";
}

std::string Cell(std::string_view text) {
  std::string cell;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      cell += ' ';
    } else if (c == '<') {
      cell += "&lt;";
    } else if (c == '&') {
      cell += "&amp;";
    } else if (std::string_view("\\`*_[]|>#").find(c) !=
               std::string_view::npos) {
      cell += '\\';
      cell += c;
    } else {
      cell += c;
    }
  }
  return cell;
}

std::string HtmlEscape(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '&':
        escaped += "&amp;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

bool RequirementBefore(const std::string& a, const std::string& b) {
  auto split = [](const std::string& id) {
    std::size_t dash = id.rfind('-');
    int number = 0;
    if (dash != std::string::npos) {
      std::from_chars(id.data() + dash + 1, id.data() + id.size(), number);
    }
    return std::make_pair(id.substr(0, dash), number);
  };
  return split(a) < split(b) || (split(a) == split(b) && a < b);
}

std::string RequirementPrefix(std::string_view id) {
  return std::string(id.substr(0, id.rfind('-')));
}

std::string ExpectedText(const StepResult& step) {
  std::string text(VerdictName(step.expected));
  if (!step.expected_reasons.empty()) {
    std::string reasons;
    for (const std::string& reason : step.expected_reasons) {
      reasons += (reasons.empty() ? "" : " or ") + reason;
    }
    text += " (" + reasons + ")";
  }
  return text;
}

std::string ObservedText(const StepResult& step) {
  std::string text =
      step.observed ? std::string(VerdictName(*step.observed)) : "none";
  if (!step.observed_reason.empty()) text += " (" + step.observed_reason + ")";
  if (step.http_status != 0) {
    text += ", HTTP " + std::to_string(step.http_status);
  }
  return text;
}

const StepResult* DecisiveStep(const VectorResult& vector) {
  for (const StepResult& step : vector.steps) {
    if (step.outcome == vector.outcome) return &step;
  }
  return vector.steps.empty() ? nullptr : &vector.steps.front();
}

}  // namespace jwtconf::harness
