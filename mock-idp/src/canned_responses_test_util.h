// Canned answers for the issuer server tests.
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include "jwtconf/mock_idp/issuer_server.h"

namespace jwtconf::mockidp::testing {

// A JSON answer with an optional fault.
inline CannedResponse Json(
    std::string body, Fault fault = Fault::kNone,
    std::chrono::milliseconds delay = std::chrono::milliseconds(0)) {
  CannedResponse response;
  response.body = std::move(body);
  response.fault = fault;
  response.delay = delay;
  return response;
}

}  // namespace jwtconf::mockidp::testing
