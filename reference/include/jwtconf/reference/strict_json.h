// Strict JSON for JOSE objects (JWS-2, JWT-1, ROB-3): duplicate member names
// at any depth, deep nesting, invalid UTF-8 and overflowing numbers refused.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace jwtconf {

inline constexpr int kMaxJsonDepth = 64;

struct StrictJson {
  enum class Status { kOk, kDuplicateMember, kMalformed };

  Status status = Status::kOk;
  std::string detail;
  nlohmann::json value;  // the object, when status == kOk
  bool ok() const { return status == Status::kOk; }
};

// Parses `text` as a JSON object. The caller maps kMalformed to the reason
// that fits the document (malformed_header, malformed_payload, ...).
StrictJson ParseStrictJsonObject(std::string_view text);

}  // namespace jwtconf
