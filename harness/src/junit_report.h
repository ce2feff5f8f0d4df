// JUnit XML for CI systems (the Jenkins junit-10 schema): one test case per
// vector, its category as class name.
#pragma once

#include <string>
#include <string_view>

#include "run_result.h"

namespace jwtconf::harness {

// One <testsuites> holding one <testsuite name="jwtconf">. A failing vector
// carries <failure>, an errored one <error>, a skipped one <skipped>; warn
// and acceptable vectors pass with a note in <system-out>.
std::string RunToJunitXml(const RunResult& run);

// `text` made safe for XML 1.0 character data and attribute values:
// markup characters become entities, and characters XML 1.0 forbids
// (control characters, U+FFFE/U+FFFF, invalid UTF-8) become U+FFFD.
std::string EscapeXml(std::string_view text);

}  // namespace jwtconf::harness
