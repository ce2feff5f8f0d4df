// Checks a response over HTTP against a step's `expect_http`
// (vectors/README.md, "HTTP requests").
#pragma once

#include <string>

#include "target.h"
#include "vector_model.h"

namespace jwtconf::harness {

// "" when `observation` meets `expect`, else what differs. Targets that do
// not speak HTTP (http_status 0) are judged on the verdict only: "".
std::string HttpProblem(const ExpectHttp& expect,
                        const Observation& observation);

}  // namespace jwtconf::harness
