#include "jwtconf/reference/strict_json.h"

#include <utility>
#include <vector>

namespace jwtconf {
namespace {

using nlohmann::json;

// TODO(reference): lexing and DOM allocation here are most of what keeps
// RS*/PS* verification below 95 % of raw OpenSSL (bench/README.md); a strict
// reader filling only the members the checks read would close the gap.

// Builds the document from SAX events, refusing what JOSE must not accept.
// Duplicates are found by inserting into the object being built, so member
// names are neither copied nor kept twice.
class StrictDomBuilder {
 public:
  explicit StrictDomBuilder(json& root) : root_(root) {}

  bool null() { return Add(nullptr); }
  bool boolean(bool value) { return Add(value); }
  bool number_integer(json::number_integer_t value) { return Add(value); }
  bool number_unsigned(json::number_unsigned_t value) { return Add(value); }
  bool number_float(json::number_float_t value, const json::string_t&) {
    return Add(value);
  }
  bool string(json::string_t& value) { return Add(std::move(value)); }
  bool binary(json::binary_t& value) { return Add(std::move(value)); }

  bool start_object(std::size_t) {
    return Enter() && Open(json::value_t::object);
  }

  // JWS-2, JWT-1: duplicate member names are refused.
  bool key(json::string_t& name) {
    auto& members = open_.back()->get_ref<json::object_t&>();
    // try_emplace leaves `name` untouched when the member already exists.
    const auto [member, inserted] = members.try_emplace(std::move(name));
    if (!inserted) {
      return Stop(StrictJson::Status::kDuplicateMember,
                  "duplicate member \"" + name + "\"");
    }
    pending_member_ = &member->second;
    return true;
  }

  bool end_object() {
    open_.pop_back();
    return true;
  }

  bool start_array(std::size_t) {
    return Enter() && Open(json::value_t::array);
  }

  bool end_array() {
    open_.pop_back();
    return true;
  }

  // ROB-3: syntax errors, invalid UTF-8, lone surrogates, 1e400.
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception&) {
    if (status_ == StrictJson::Status::kOk) {
      return Stop(StrictJson::Status::kMalformed, "not valid json");
    }
    return false;
  }

  StrictJson::Status status() const { return status_; }
  const std::string& detail() const { return detail_; }

 private:
  // ROB-3: bounded nesting.
  bool Enter() {
    if (open_.size() >= static_cast<std::size_t>(kMaxJsonDepth)) {
      return Stop(StrictJson::Status::kMalformed, "json nested too deeply");
    }
    return true;
  }

  bool Open(json::value_t type) {
    json* container = Place(json(type));
    open_.push_back(container);
    return true;
  }

  template <typename Value>
  bool Add(Value&& value) {
    Place(json(std::forward<Value>(value)));
    return true;
  }

  // Puts a value where the grammar says it goes: the root, the end of the
  // open array, or the member whose name was just read.
  json* Place(json value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    if (open_.back()->is_array()) {
      auto& elements = open_.back()->get_ref<json::array_t&>();
      elements.push_back(std::move(value));
      return &elements.back();
    }
    *pending_member_ = std::move(value);
    return pending_member_;
  }

  bool Stop(StrictJson::Status status, std::string detail) {
    status_ = status;
    detail_ = std::move(detail);
    return false;
  }

  json& root_;
  std::vector<json*> open_;
  json* pending_member_ = nullptr;
  StrictJson::Status status_ = StrictJson::Status::kOk;
  std::string detail_;
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
  StrictDomBuilder builder(value);
  bool parsed = false;
  try {
    parsed = json::sax_parse(text.begin(), text.end(), &builder);
  } catch (const json::exception&) {
    parsed = false;
  }

  if (!parsed) {
    if (builder.status() == StrictJson::Status::kOk) {
      return {StrictJson::Status::kMalformed, "not valid json", {}};
    }
    return {builder.status(), builder.detail(), {}};
  }

  if (!value.is_object()) {
    return {StrictJson::Status::kMalformed, "not a json object", {}};
  }

  return {StrictJson::Status::kOk, {}, std::move(value)};
}

}  // namespace jwtconf
