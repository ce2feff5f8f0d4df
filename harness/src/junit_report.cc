#include "junit_report.h"

#include <cstdint>
#include <cstdio>
#include <string>

#include "report_text.h"

namespace jwtconf::harness {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence at the start of `text` (RFC 3629:
// shortest form, no surrogates, at most U+10FFFF), or 0 when it is not one.
// Stores the code point in `code_point`.
std::size_t Utf8SequenceLength(std::string_view text, char32_t& code_point) {
  auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  std::uint8_t lead = byte(0);
  std::size_t length = lead < 0x80   ? 1
                       : lead < 0xC2 ? 0
                       : lead < 0xE0 ? 2
                       : lead < 0xF0 ? 3
                       : lead < 0xF5 ? 4
                                     : 0;
  if (length == 0 || length > text.size()) return 0;

  code_point = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  const char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kMinimum[length] || code_point > 0x10FFFF) return 0;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return 0;
  return length;
}

// XML 1.0 §2.2 Char production.
bool IsXmlChar(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Entities for markup and, in attribute values, for whitespace that
// attribute-value normalisation would otherwise turn into spaces.
std::string_view Entity(char32_t c, bool in_attribute) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&apos;";
    case '\t':
      return in_attribute ? "&#9;" : "";
    case '\n':
      return in_attribute ? "&#10;" : "";
    case '\r':
      return "&#13;";
    default:
      return {};
  }
}

std::string Escape(std::string_view text, bool in_attribute) {
  std::string escaped;
  escaped.reserve(text.size());
  while (!text.empty()) {
    char32_t c = 0;
    std::size_t length = Utf8SequenceLength(text, c);
    if (length == 0 || !IsXmlChar(c)) {
      escaped += kReplacement;
      text.remove_prefix(length == 0 ? 1 : length);
      continue;
    }
    std::string_view entity = Entity(c, in_attribute);
    escaped += entity.empty() ? text.substr(0, length) : entity;
    text.remove_prefix(length);
  }
  return escaped;
}

std::string Seconds(std::chrono::microseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f",
                static_cast<double>(duration.count()) / 1e6);
  return text;
}

std::string Attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + EscapeXml(value) + "\"";
}

std::string FetchesText(const std::map<std::string, int>& fetches) {
  std::string text;
  for (const auto& [name, count] : fetches) {
    text += (text.empty() ? "" : ", ") + name + "=" + std::to_string(count);
  }
  return text;
}

// One line per step: what was expected, what the target did and why.
std::string StepLine(std::size_t index, const StepResult& step) {
  std::string line = "step " + std::to_string(index + 1) + ": " +
                     std::string(OutcomeName(step.outcome)) + ", expected " +
                     ExpectedText(step) + ", observed " + ObservedText(step);
  if (!step.expected_fetches.empty()) {
    line += ", fetches " + FetchesText(step.fetches) + " (expected " +
            FetchesText(step.expected_fetches) + ")";
  }
  if (!step.max_fetches.empty()) {
    line += ", fetches " + FetchesText(step.fetches) + " (at most " +
            FetchesText(step.max_fetches) + ")";
  }
  if (!step.detail.empty()) line += ": " + step.detail;
  return line + "\n";
}

std::string VectorDetails(const VectorResult& vector) {
  std::string text = vector.title + "\n";
  std::string requirements;
  for (const std::string& id : vector.requirements) {
    requirements += (requirements.empty() ? "" : ", ") + id;
  }
  text += "requirements: " + requirements + " (" + vector.level + ")\n";
  text += "rationale: " + vector.rationale + "\n";
  for (std::size_t i = 0; i < vector.steps.size(); ++i) {
    text += StepLine(i, vector.steps[i]);
  }
  return text;
}

std::string Message(const VectorResult& vector) {
  const StepResult* step = DecisiveStep(vector);
  if (step == nullptr) return std::string(OutcomeName(vector.outcome));
  const bool no_verdict = vector.outcome == Outcome::kError ||
                          vector.outcome == Outcome::kTimeout ||
                          vector.outcome == Outcome::kCrash;
  if (no_verdict && !step->detail.empty()) {
    return step->detail;
  }
  return "expected " + ExpectedText(*step) + ", observed " +
         ObservedText(*step);
}

std::string Element(std::string_view name, std::string_view attributes,
                    std::string_view text) {
  return "      <" + std::string(name) + std::string(attributes) + ">" +
         Escape(text, false) + "</" + std::string(name) + ">\n";
}

std::string OutcomeElements(const VectorResult& vector) {
  switch (vector.outcome) {
    case Outcome::kPass:
      return "";
    case Outcome::kFail:
      return Element("failure",
                     Attribute("message", Message(vector)) +
                         Attribute("type", "wrong_verdict"),
                     VectorDetails(vector));
    case Outcome::kError:
      return Element("error",
                     Attribute("message", Message(vector)) +
                         Attribute("type", "target_error"),
                     VectorDetails(vector));
    case Outcome::kTimeout:
    case Outcome::kCrash:
      return Element("error",
                     Attribute("message", Message(vector)) +
                         Attribute("type", OutcomeName(vector.outcome)),
                     VectorDetails(vector));
    case Outcome::kSkip:
      return "      <skipped" + Attribute("message", vector.skip_reason) +
             "/>\n";
    case Outcome::kWarn:
      return Element("system-out", "",
                     "warning: " + vector.level + " not met: " +
                         Message(vector) + "\n" + VectorDetails(vector));
    case Outcome::kAcceptable:
      return Element("system-out", "",
                     "acceptable: the specifications allow either verdict\n" +
                         VectorDetails(vector));
  }
  return "";
}

std::string TestCase(const VectorResult& vector) {
  std::string open = "    <testcase" + Attribute("classname", vector.category) +
                     Attribute("name", vector.id) +
                     Attribute("time", Seconds(vector.duration));
  std::string body = OutcomeElements(vector);
  if (body.empty()) return open + "/>\n";
  return open + ">\n" + body + "    </testcase>\n";
}

std::string Properties(const RunResult& run) {
  std::string text = "    <properties>\n";
  auto property = [&](std::string_view name, std::string_view value) {
    text += "      <property" + Attribute("name", name) +
            Attribute("value", value) + "/>\n";
  };
  property("tool_version", run.tool_version);
  property("target", run.target);
  property("vectors_dir", run.vectors_dir);
  property("finished_at", run.finished_at);
  property("partial", run.partial ? "true" : "false");
  return text + "    </properties>\n";
}

}  // namespace

std::string EscapeXml(std::string_view text) { return Escape(text, true); }

std::string RunToJunitXml(const RunResult& run) {
  RunSummary summary = run.Summary();
  std::chrono::microseconds total{0};
  std::string cases;
  for (const VectorResult& vector : run.vectors) {
    total += vector.duration;
    cases += TestCase(vector);
  }
  std::string counts =
      Attribute("tests", std::to_string(run.vectors.size())) +
      Attribute("failures", std::to_string(summary.failed)) +
      Attribute("errors", std::to_string(summary.errors + summary.timeouts +
                                         summary.crashes));
  std::string time = Attribute("time", Seconds(total));

  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<testsuites" +
         Attribute("name", "jwtconf") + counts + time + ">\n" + "  <testsuite" +
         Attribute("name", "jwtconf") + counts +
         Attribute("skipped", std::to_string(summary.skipped)) + time +
         Attribute("timestamp", run.started_at) + ">\n" + Properties(run) +
         cases + "  </testsuite>\n</testsuites>\n";
}

}  // namespace jwtconf::harness
