#include "strict_json.h"

#include <set>
#include <stdexcept>
#include <vector>

namespace jwtconf {
namespace {

using nlohmann::json;

// Thrown from the parser callback to abort parsing at the first problem.
struct StrictJsonAbort {
  StrictJson::Status status;
  std::string detail;
};

// Tracks the member names of every open object while the parser runs.
class DuplicateGuard {
 public:
  bool operator()(int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        Enter(depth);
        names_.emplace_back();
        break;
      case json::parse_event_t::array_start:
        Enter(depth);
        break;
      case json::parse_event_t::key:
        AddName(parsed.get<std::string>());
        break;
      case json::parse_event_t::object_end:
        names_.pop_back();
        break;
      case json::parse_event_t::array_end:
      case json::parse_event_t::value:
        break;
    }
    return true;
  }

 private:
  // ROB-3: bounded nesting.
  static void Enter(int depth) {
    if (depth >= kMaxJsonDepth) {
      throw StrictJsonAbort{StrictJson::Status::kMalformed,
                            "json nested too deeply"};
    }
  }

  // JWS-2, JWT-1: duplicate member names are refused.
  void AddName(std::string name) {
    if (!names_.back().insert(name).second) {
      throw StrictJsonAbort{StrictJson::Status::kDuplicateMember,
                            "duplicate member \"" + name + "\""};
    }
  }

  std::vector<std::set<std::string>> names_;
};

bool StartsWithBom(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF";
}

}  // namespace

StrictJson ParseStrictJsonObject(std::string_view text) {
  // RFC 8259 §8.1: a byte order mark is not part of JSON text we accept.
  if (StartsWithBom(text)) {
    return {StrictJson::Status::kMalformed, "byte order mark", {}};
  }

  json value;
  try {
    value = json::parse(text, DuplicateGuard{});
  } catch (const StrictJsonAbort& abort) {
    return {abort.status, abort.detail, {}};
  } catch (const json::exception&) {
    // ROB-3: syntax errors, invalid UTF-8, lone surrogates, 1e400.
    return {StrictJson::Status::kMalformed, "not valid json", {}};
  }

  if (!value.is_object()) {
    return {StrictJson::Status::kMalformed, "not a json object", {}};
  }

  return {StrictJson::Status::kOk, {}, std::move(value)};
}

}  // namespace jwtconf
