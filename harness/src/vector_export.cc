#include "vector_export.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>

#include "http_request.h"
#include "issuer_setup.h"
#include "jwtconf/mock_idp/issuer_server.h"
#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/reason.h"
#include "jwtconf/reference/verifier.h"
#include "key_pool.h"
#include "runner.h"
#include "token_builder.h"

namespace jwtconf::harness {
namespace {

using nlohmann::json;

constexpr char kDefaultGroup[] = "suite";
constexpr char kJwksPath[] = "/jwks.json";

struct CategoryNote {
  const char* bug_type;
  const char* description;
};

// What failing a vector of each category means, for the export's notes.
const std::map<std::string, CategoryNote>& CategoryNotes() {
  static const std::map<std::string, CategoryNote> kNotes = {
      {"good",
       {"FUNCTIONALITY",
        "a valid token of the profile; refusing it locks out a legitimate "
        "workload"}},
      {"malformed",
       {"MALFORMED_INPUT",
        "a token that is not a well-formed JWS or JWT; accepting it means the "
        "parser is lax"}},
      {"expired",
       {"AUTH_BYPASS",
        "a token outside its validity period (exp, nbf, iat); accepting it "
        "lets stale or future credentials in"}},
      {"rotated",
       {"KEY_MANAGEMENT", "key rotation: retired and newly published keys"}},
      {"algorithm-confusion",
       {"AUTH_BYPASS",
        "alg none, HMAC with a public key, or an algorithm that does not fit "
        "the key; accepting it lets anyone forge tokens"}},
      {"claims",
       {"AUTH_BYPASS",
        "iss, aud, sub and typ checks; accepting a wrong one admits tokens "
        "meant for someone else"}},
      {"keys",
       {"AUTH_BYPASS",
        "key selection and signature checks: kid, key parameters, signature "
        "encodings"}},
      {"discovery",
       {"KEY_MANAGEMENT", "OpenID Connect Discovery of the issuer's keys"}},
      {"jwks", {"KEY_MANAGEMENT", "contents of the issuer's JWK Set"}},
      {"robustness",
       {"DENIAL_OF_SERVICE",
        "oversized or hostile input that must be refused without harm"}},
  };
  return kNotes;
}

std::string BugTypeOfLevel(const std::string& level) {
  if (level == "MUST") return "CONFORMANCE_MUST";
  if (level == "SHOULD") return "CONFORMANCE_SHOULD";
  return "CONFORMANCE_MAY";
}

json HeaderLines() {
  return {
      "Test vectors of jwtconf for verifiers of headless JWT bearer tokens.",
      "Verify each token with the keys of its group's jwks only (fetch "
      "nothing), trusting exactly the group's issuer and audience, with the "
      "clock at the group's now (Unix seconds) and the group's leeway.",
      "Allowed algorithms: RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 "
      "ES512 EdDSA. No expected typ, no maximum token age.",
      "result: valid must be accepted, invalid rejected (reasons are the "
      "jwtconf reason codes any of which is right), acceptable either way.",
      "Keys are generated fresh on every export: regenerate the file rather "
      "than edit it. Requirement ids refer to the jwtconf requirements "
      "catalogue.",
  };
}

std::string ResultOf(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAccept:
      return "valid";
    case Verdict::kReject:
      return "invalid";
    case Verdict::kAcceptable:
      return "acceptable";
  }
  return "acceptable";
}

// One issuer set-up and the tests minted for it.
class ExportGroup {
 public:
  ExportGroup(mockidp::IssuerServer& server, const std::string& name,
              const json& issuer_spec, KeyPool& keys,
              const std::vector<std::string>& default_keys)
      : keys_(keys),
        issuer_(server, name, issuer_spec, keys, default_keys, kJwksPath,
                kExportOrigin),
        values_(issuer_.Values(kDefaultAudience, kFixedNow)) {
    // The server's own alias (another loopback name) means nothing here.
    values_.other_origin = kExportOtherOrigin;
  }

  // Throws when the token cannot be minted.
  void Add(const Vector& vector) {
    const Step& step = vector.steps.front();
    json flags = json::array({vector.category});
    for (const auto& id : vector.requirements) flags.push_back(id);
    tests_.push_back({{"id", vector.id},
                      {"comment", vector.title},
                      {"rationale", vector.rationale},
                      {"requirements", vector.requirements},
                      {"flags", flags},
                      {"token", BuildToken(step.token, keys_,
                                           {values_, issuer_.PublishedKids()})},
                      {"result", ResultOf(step.expect)},
                      {"reasons", step.reasons}});
  }

  bool empty() const { return tests_.empty(); }

  json ToJson(int& next_tc_id) {
    for (json& test : tests_) test["tcId"] = next_tc_id++;
    return {{"issuer", issuer_.identifier()},
            {"audience", kDefaultAudience},
            {"now", kFixedNow},
            {"leeway", kProfileLeewaySeconds},
            {"jwks", issuer_.JwksDocument(values_)},
            {"tests", tests_}};
  }

 private:
  KeyPool& keys_;
  PublishedIssuer issuer_;
  PlaceholderValues values_;
  json tests_ = json::array();
};

json Notes(const VectorSuite& suite) {
  json notes = json::object();
  for (const auto& [category, note] : CategoryNotes()) {
    notes[category] = {{"bugType", note.bug_type},
                       {"description", note.description}};
  }
  for (const auto& [id, requirement] : suite.requirements) {
    notes[id] = {{"bugType", BugTypeOfLevel(requirement.level)},
                 {"description", requirement.level + ": " + requirement.text}};
  }
  return notes;
}

// Reads a member of an export document, naming it when it is missing or of
// the wrong type.
template <typename T>
T Member(const json& object, const std::string& name, const std::string& at) {
  if (!object.is_object() || !object.contains(name)) {
    throw ExportFormatError(at + ": missing '" + name + "'");
  }
  try {
    return object.at(name).get<T>();
  } catch (const json::exception&) {
    throw ExportFormatError(at + ": '" + name + "' has the wrong type");
  }
}

struct Observed {
  Reason reason = Reason::kOk;
  std::string detail;
};

class GroupVerifier {
 public:
  explicit GroupVerifier(const json& group, const std::string& at)
      : clock_(TimePoint(
            std::chrono::seconds(Member<std::int64_t>(group, "now", at)))) {
    JwkSet::ParseResult parsed =
        JwkSet::Parse(Member<json>(group, "jwks", at).dump());
    // As the discovery client does: an unusable set fails every token.
    if (parsed.reason != Reason::kOk) {
      set_failure_ = Observed{Reason::kJwksMalformed, parsed.detail};
      return;
    }
    keys_ = std::make_unique<StaticKeySource>(parsed.set);
    VerifierOptions options;
    options.issuers = {Member<std::string>(group, "issuer", at)};
    options.audience = Member<std::string>(group, "audience", at);
    options.leeway =
        std::chrono::seconds(Member<std::int64_t>(group, "leeway", at));
    try {
      verifier_ = std::make_unique<Verifier>(options, *keys_, clock_);
    } catch (const std::invalid_argument& e) {
      throw ExportFormatError(at + ": " + e.what());
    }
  }

  Observed Verify(const std::string& token) const {
    if (set_failure_) return *set_failure_;
    Verification verification = verifier_->Verify(token);
    return {verification.reason, verification.detail};
  }

 private:
  FixedClock clock_;
  std::optional<Observed> set_failure_;
  std::unique_ptr<StaticKeySource> keys_;
  std::unique_ptr<Verifier> verifier_;
};

// "" when the observation matches the test's expected result.
std::string Mismatch(const json& test, const Observed& observed,
                     const std::string& at) {
  const auto result = Member<std::string>(test, "result", at);
  const auto reasons = Member<std::vector<std::string>>(test, "reasons", at);
  const std::string code(ReasonCode(observed.reason));
  const bool accepted = observed.reason == Reason::kOk;
  if (result == "acceptable") return "";
  if (result == "valid") {
    return accepted ? "" : "expected valid, got reject (" + code + ")";
  }
  if (result != "invalid") {
    throw ExportFormatError(at + ": unknown result '" + result + "'");
  }
  if (!accepted &&
      std::find(reasons.begin(), reasons.end(), code) != reasons.end()) {
    return "";
  }
  std::string expected;
  for (const auto& reason : reasons) {
    expected += (expected.empty() ? "" : "|") + reason;
  }
  return "expected invalid (" + expected + "), got " +
         (accepted ? "accept" : "reject (" + code + ")");
}

}  // namespace

std::string ExportSkipReason(const Vector& vector) {
  if (vector.steps.size() != 1) return "multi-step scenario";
  const Step& step = vector.steps.front();
  if (!step.fetches.empty() || !step.max_fetches.empty()) {
    return "checks the issuer's fetch counts";
  }
  if (NeedsHttp(step)) return "describes its HTTP request or response";
  if (step.advance_seconds != 0 || !step.publish.empty() ||
      !step.retire.empty()) {
    return "moves the clock or changes the published keys";
  }
  if (!vector.verifier.is_null()) return "changes the verifier profile";
  for (const Step& step : vector.steps) {
    if (NeedsHttp(step)) return "describes its HTTP request or response";
  }
  if (UsesTokenEndpoint(vector)) return "uses the RFC 7523 token endpoint";
  if (!vector.issuer.is_object()) return "";
  for (const auto& [name, value] : vector.issuer.items()) {
    if (name != "keys" && name != "extra_jwks") {
      return "issuer sets '" + name +
             "' (discovery or JWK Set responses beyond the key set)";
    }
  }
  return "";
}

json ExportVectors(const VectorSuite& suite,
                   const std::string& generator_version) {
  // Never started: the groups only describe their issuers.
  mockidp::IssuerServer server;
  KeyPool keys(suite.keys);
  std::vector<std::unique_ptr<ExportGroup>> groups;
  groups.push_back(std::make_unique<ExportGroup>(
      server, kDefaultGroup, nullptr, keys, suite.default_issuer_keys));
  json skipped = json::array();

  for (const Vector& vector : suite.vectors) {
    if (std::string reason = ExportSkipReason(vector); !reason.empty()) {
      skipped.push_back({{"id", vector.id}, {"reason", reason}});
      continue;
    }
    if (vector.issuer.is_object()) {
      groups.push_back(std::make_unique<ExportGroup>(
          server, vector.id, vector.issuer, keys, suite.default_issuer_keys));
    }
    ExportGroup& group =
        vector.issuer.is_object() ? *groups.back() : *groups.front();
    try {
      group.Add(vector);
    } catch (const std::exception& e) {
      skipped.push_back({{"id", vector.id},
                         {"reason", std::string("not minted: ") + e.what()}});
    }
  }

  int next_tc_id = 1;
  json test_groups = json::array();
  for (auto& group : groups) {
    if (!group->empty()) test_groups.push_back(group->ToJson(next_tc_id));
  }
  return {{"algorithm", "JWT bearer (headless)"},
          {"generatorVersion", generator_version},
          {"numberOfTests", next_tc_id - 1},
          {"header", HeaderLines()},
          {"notes", Notes(suite)},
          {"schema", "jwtconf_export.schema.json"},
          {"skipped", skipped},
          {"testGroups", test_groups}};
}

ExportCheck RunExport(const json& exported) {
  ExportCheck check;
  const auto groups = Member<json>(exported, "testGroups", "export");
  if (!groups.is_array())
    throw ExportFormatError("export: 'testGroups' is no list");
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string group_at = "testGroups[" + std::to_string(g) + "]";
    const GroupVerifier verifier(groups[g], group_at);
    const auto tests = Member<json>(groups[g], "tests", group_at);
    if (!tests.is_array()) {
      throw ExportFormatError(group_at + ": 'tests' is no list");
    }
    for (std::size_t t = 0; t < tests.size(); ++t) {
      const std::string at = group_at + ".tests[" + std::to_string(t) + "]";
      const json& test = tests[t];
      const Observed observed =
          verifier.Verify(Member<std::string>(test, "token", at));
      const std::string mismatch = Mismatch(test, observed, at);
      if (mismatch.empty()) {
        ++check.passed;
        continue;
      }
      ++check.failed;
      check.failures.push_back(
          "tcId " + std::to_string(Member<int>(test, "tcId", at)) + " " +
          Member<std::string>(test, "id", at) + ": " + mismatch +
          (observed.detail.empty() ? "" : ": " + observed.detail));
    }
  }
  // A cut-down or emptied file must not pass as a complete run.
  const int declared = Member<int>(exported, "numberOfTests", "export");
  if (declared != check.passed + check.failed) {
    throw ExportFormatError(
        "export: numberOfTests is " + std::to_string(declared) + " but " +
        std::to_string(check.passed + check.failed) + " tests are present");
  }
  if (declared == 0) throw ExportFormatError("export: holds no tests");
  return check;
}

}  // namespace jwtconf::harness
