// Exports the vectors whose verdict depends on the token and the JWK Set
// alone as one Wycheproof-style JSON file, and runs such a file through the
// reference verifier (format: vectors/schema/jwtconf_export.schema.json).
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "vector_model.h"

namespace jwtconf::harness {

// Exported issuers are described, never served: this origin is not contacted.
inline constexpr char kExportOrigin[] = "https://issuer.jwtconf.test";
// `${other_origin}`: the same issuer under another host name.
inline constexpr char kExportOtherOrigin[] = "https://alias.jwtconf.test";

// Why `vector` cannot be exported (its verdict depends on more than one
// token and a JWK Set), or "" when it can.
std::string ExportSkipReason(const Vector& vector);

// The export document. Keys are generated fresh on every call, so two
// exports of the same vectors differ in every key, token and signature.
nlohmann::json ExportVectors(const VectorSuite& suite,
                             const std::string& generator_version);

class ExportFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ExportCheck {
  int passed = 0;
  int failed = 0;
  std::vector<std::string> failures;  // one line per failed test
};

// Verifies every test of an export with the reference verifier: a static
// key source over the group's JWK Set, the group's issuer, audience and
// leeway, a fixed clock at the group's `now`. `valid` must be accepted,
// `invalid` rejected with one of `reasons`, `acceptable` either way.
// Throws ExportFormatError naming the member when the document is not an
// export.
ExportCheck RunExport(const nlohmann::json& exported);

}  // namespace jwtconf::harness
