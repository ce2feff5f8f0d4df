#include "vector_loader.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "http_request.h"
#include "jwtconf/reference/reason.h"
#include "jwtconf/reference/verifier.h"
#include "placeholders.h"
#include "yaml_json.h"

namespace jwtconf::harness {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::set<std::string> kCategories = {
    "good",   "malformed", "expired",   "rotated", "algorithm-confusion",
    "claims", "keys",      "discovery", "jwks",    "robustness",
    "http"};
const std::set<std::string> kNeeds = {"fixed_clock", "https"};
const std::set<std::string> kSignatureModes = {
    "valid",     "tampered",     "empty",        "truncated",
    "ecdsa_der", "ecdsa_r_zero", "ecdsa_s_zero", "ecdsa_s_order"};
const std::set<std::string> kHmacEncodings = {
    "pem", "pem_no_newlines", "der", "jwk", "raw", "modulus_exponent"};
const std::set<std::string> kSameAs = {"discovery", "jwks"};
// Ten years: enough for any cache lifetime, far from overflowing a clock.
constexpr std::int64_t kMaxAdvance = 10LL * 365 * 24 * 3600;
constexpr std::int64_t kMaxCount = 1'000'000;
// Ids become URL path segments and report names.
constexpr std::size_t kMaxIdLength = 100;
constexpr std::uintmax_t kMaxFileBytes = 32 * 1024 * 1024;
// Padding targets stay below what a run can afford to mint and serve.
constexpr std::int64_t kMaxPaddedBytes = 16 * 1024 * 1024;
const std::set<std::string> kFaults = {"none",  "delay",    "hang",
                                       "close", "truncate", "reset"};
// What a step's `heal` may restore.
const std::set<std::string> kHealable = {"discovery", "jwks"};
// Responses a document may serve in turn; a fetch is a few KiB at most.
constexpr std::size_t kMaxSequence = 100;

// Where an error is: file, vector and field path.
struct Where {
  std::string file;
  std::string vector;
  std::string field;

  Where Field(const std::string& name) const {
    return {file, vector, field.empty() ? name : field + "." + name};
  }
  Where Index(std::size_t i) const {
    return {file, vector, field + "[" + std::to_string(i) + "]"};
  }
  [[noreturn]] void Fail(const std::string& problem) const {
    std::string text = file;
    if (!vector.empty()) text += ": vector '" + vector + "'";
    if (!field.empty()) text += ": field '" + field + "'";
    throw VectorError(text + ": " + problem);
  }
};

void CheckMembers(const json& object, const Where& where,
                  const std::set<std::string>& allowed) {
  if (!object.is_object()) where.Fail("must be a mapping");
  for (const auto& [name, value] : object.items()) {
    if (!allowed.contains(name)) where.Field(name).Fail("unknown field");
  }
}

const json& Required(const json& object, const std::string& name,
                     const Where& where) {
  if (!object.contains(name)) where.Field(name).Fail("missing");
  return object.at(name);
}

std::string String(const json& value, const Where& where) {
  if (!value.is_string()) where.Fail("must be a string");
  return value.get<std::string>();
}

std::string NonEmptyString(const json& value, const Where& where) {
  std::string text = String(value, where);
  if (text.empty()) where.Fail("must not be empty");
  return text;
}

std::int64_t Integer(const json& value, const Where& where) {
  if (!value.is_number_integer()) where.Fail("must be a whole number");
  return value.get<std::int64_t>();
}

int Count(const json& value, const Where& where) {
  std::int64_t count = Integer(value, where);
  if (count < 0 || count > kMaxCount) {
    where.Fail("must be between 0 and " + std::to_string(kMaxCount));
  }
  return static_cast<int>(count);
}

// Every string below `value` must use only known, well-formed placeholders.
void CheckPlaceholderUse(const json& value, const Where& where) {
  if (value.is_string()) {
    try {
      CheckPlaceholders(value.get_ref<const std::string&>());
    } catch (const std::runtime_error& e) {
      where.Fail(e.what());
    }
    return;
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      CheckPlaceholderUse(value[i], where.Index(i));
    }
    return;
  }
  if (value.is_object()) {
    for (const auto& [name, item] : value.items()) {
      CheckPlaceholderUse(item, where.Field(name));
    }
  }
}

std::vector<std::string> StringList(const json& value, const Where& where) {
  if (!value.is_array()) where.Fail("must be a list of strings");
  std::vector<std::string> items;
  for (std::size_t i = 0; i < value.size(); ++i) {
    items.push_back(String(value[i], where.Index(i)));
  }
  return items;
}

// A problem found in a `request` or `expect_http` mapping.
void FailOn(const std::optional<SpecProblem>& problem, const Where& where) {
  if (!problem) return;
  (problem->field.empty() ? where : where.Field(problem->field))
      .Fail(problem->problem);
}

std::string OneOf(const json& value, const Where& where,
                  const std::set<std::string>& allowed) {
  std::string text = String(value, where);
  if (!allowed.contains(text)) {
    std::string names;
    for (const auto& name : allowed)
      names += (names.empty() ? "" : ", ") + name;
    where.Fail("'" + text + "' is not one of: " + names);
  }
  return text;
}

json ReadYamlFile(const fs::path& path, const std::string& shown) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) Where{shown, "", ""}.Fail("cannot be read: " + error.message());
  if (size > kMaxFileBytes) {
    Where{shown, "", ""}.Fail("larger than " + std::to_string(kMaxFileBytes) +
                              " bytes");
  }
  std::ifstream in(path);
  if (!in) Where{shown, "", ""}.Fail("cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return YamlToJson(YAML::Load(text.str()));
  } catch (const YAML::Exception& e) {
    Where{shown + ":" + std::to_string(e.mark.line + 1), "", ""}.Fail(e.msg);
  } catch (const std::runtime_error& e) {
    Where{shown, "", ""}.Fail(e.what());
  }
}

class SuiteChecker {
 public:
  explicit SuiteChecker(VectorSuite& suite) : suite_(suite) {}

  void CheckKeyName(const json& value, const Where& where) const {
    std::string name = String(value, where);
    if (!suite_.keys.contains(name)) {
      where.Fail("unknown key '" + name + "' (see keys.yaml)");
    }
  }

  std::vector<std::string> Reasons(const json& value, const Where& where) {
    std::vector<std::string> reasons =
        value.is_string() ? std::vector<std::string>{String(value, where)}
                          : StringList(value, where);
    if (reasons.empty()) where.Fail("must name at least one reason code");
    for (const auto& code : reasons) {
      if (!ReasonFromCode(code) || code == "ok") {
        where.Fail("unknown reason code '" + code + "'");
      }
    }
    return reasons;
  }

  void CheckToken(const json& token, const Where& where) const {
    CheckMembers(
        token, where,
        {"key", "alg", "header", "header_remove", "claims", "claims_remove",
         "header_json", "payload_json", "header_b64", "payload_b64",
         "signature", "hmac_key", "raw", "pad_payload_to"});
    CheckPlaceholderUse(token, where);
    if (token.contains("key")) CheckKeyName(token["key"], where.Field("key"));
    for (const char* name : {"alg", "header_json", "payload_json", "header_b64",
                             "payload_b64", "raw"}) {
      if (token.contains(name)) String(token[name], where.Field(name));
    }
    for (const char* name : {"header", "claims"}) {
      if (token.contains(name) && !token[name].is_object()) {
        where.Field(name).Fail("must be a mapping");
      }
    }
    for (const char* name : {"header_remove", "claims_remove"}) {
      if (token.contains(name)) StringList(token[name], where.Field(name));
    }
    if (token.contains("pad_payload_to")) {
      PaddedSize(token["pad_payload_to"], where.Field("pad_payload_to"));
    }
    if (token.contains("signature")) {
      OneOf(token["signature"], where.Field("signature"), kSignatureModes);
    }
    if (token.contains("hmac_key")) {
      const Where at = where.Field("hmac_key");
      const json& hmac = token["hmac_key"];
      CheckMembers(hmac, at, {"key", "encoding"});
      CheckKeyName(Required(hmac, "key", at), at.Field("key"));
      OneOf(Required(hmac, "encoding", at), at.Field("encoding"),
            kHmacEncodings);
    }
  }

  void CheckKeyEntry(const json& entry, const Where& where) const {
    if (entry.is_string()) return CheckKeyName(entry, where);
    CheckMembers(entry, where, {"key", "kid", "jwk", "jwk_remove", "private"});
    CheckKeyName(Required(entry, "key", where), where.Field("key"));
    if (entry.contains("kid")) String(entry["kid"], where.Field("kid"));
    if (entry.contains("jwk") && !entry["jwk"].is_object()) {
      where.Field("jwk").Fail("must be a mapping");
    }
    if (entry.contains("jwk_remove")) {
      StringList(entry["jwk_remove"], where.Field("jwk_remove"));
    }
    if (entry.contains("private") && !entry["private"].is_boolean()) {
      where.Field("private").Fail("must be true or false");
    }
  }

  void CheckKeyEntries(const json& entries, const Where& where) const {
    if (!entries.is_array()) where.Fail("must be a list");
    for (std::size_t i = 0; i < entries.size(); ++i) {
      CheckKeyEntry(entries[i], where.Index(i));
    }
  }

  static void PaddedSize(const json& value, const Where& where) {
    std::int64_t size = Integer(value, where);
    if (size < 0 || size > kMaxPaddedBytes) {
      where.Fail("must be between 0 and " + std::to_string(kMaxPaddedBytes));
    }
  }

  // `sequence`: responses served in turn, each a response of its own;
  // it stands alone.
  void CheckSequence(const json& response, const Where& where) const {
    CheckMembers(response, where, {"sequence"});
    const Where at = where.Field("sequence");
    const json& items = response["sequence"];
    if (!items.is_array() || items.empty() || items.size() > kMaxSequence) {
      at.Fail("must be a list of 1 to " + std::to_string(kMaxSequence) +
              " responses");
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      CheckResponse(items[i], at.Index(i));
    }
  }

  void CheckResponse(const json& response, const Where& where,
                     bool route = false, bool sequence = false) const {
    if (sequence && response.is_object() && response.contains("sequence")) {
      CheckSequence(response, where);
      return;
    }
    std::set<std::string> allowed = {"set",          "remove",   "status",
                                     "content_type", "body",     "headers",
                                     "fault",        "delay_ms", "pad_to"};
    if (route) allowed.insert("same_as");
    CheckMembers(response, where, allowed);
    if (response.contains("same_as")) {
      OneOf(response["same_as"], where.Field("same_as"), kSameAs);
    }
    if (response.contains("pad_to")) {
      PaddedSize(response["pad_to"], where.Field("pad_to"));
    }
    if (response.contains("set") && !response["set"].is_object()) {
      where.Field("set").Fail("must be a mapping");
    }
    if (response.contains("remove")) {
      StringList(response["remove"], where.Field("remove"));
    }
    if (response.contains("status")) {
      std::int64_t status = Integer(response["status"], where.Field("status"));
      if (status < 100 || status > 599) {
        where.Field("status").Fail("must be an HTTP status code");
      }
    }
    for (const char* name : {"content_type", "body"}) {
      if (response.contains(name)) String(response[name], where.Field(name));
    }
    if (response.contains("headers")) {
      const Where at = where.Field("headers");
      if (!response["headers"].is_object()) at.Fail("must be a mapping");
      for (const auto& [name, value] : response["headers"].items()) {
        String(value, at.Field(name));
      }
    }
    if (response.contains("fault")) {
      OneOf(response["fault"], where.Field("fault"), kFaults);
    }
    if (response.contains("delay_ms")) {
      std::int64_t delay =
          Integer(response["delay_ms"], where.Field("delay_ms"));
      if (delay < 0 || delay > 60000) {
        where.Field("delay_ms").Fail("must be between 0 and 60000");
      }
    }
  }

  // Which mock issuer listener serves discovery and the JWK Set.
  void CheckTls(const json& tls, const Where& where) const {
    CheckMembers(tls, where, {"issuer", "jwks"});
    if (tls.contains("issuer")) {
      OneOf(tls["issuer"], where.Field("issuer"),
            {"default", "untrusted", "wrong_host", "expired"});
    }
    if (tls.contains("jwks")) {
      OneOf(tls["jwks"], where.Field("jwks"),
            {"default", "untrusted", "wrong_host", "expired", "http"});
    }
  }

  void CheckIssuer(const json& issuer, const Where& where) const {
    CheckMembers(issuer, where,
                 {"keys", "extra_jwks", "discovery", "jwks", "oauth_metadata",
                  "routes", "trailing_slash", "tls"});
    CheckPlaceholderUse(issuer, where);
    if (issuer.contains("tls")) CheckTls(issuer["tls"], where.Field("tls"));
    if (issuer.contains("trailing_slash") &&
        !issuer["trailing_slash"].is_boolean()) {
      where.Field("trailing_slash").Fail("must be true or false");
    }
    if (issuer.contains("oauth_metadata")) {
      CheckResponse(issuer["oauth_metadata"], where.Field("oauth_metadata"));
    }
    if (issuer.contains("routes")) {
      const Where at = where.Field("routes");
      if (!issuer["routes"].is_object()) at.Fail("must be a mapping");
      for (const auto& [path, route] : issuer["routes"].items()) {
        if (path.empty() || path.front() != '/') {
          at.Field(path).Fail("a route path starts with '/'");
        }
        CheckResponse(route, at.Field(path), true);
      }
    }
    if (issuer.contains("keys")) {
      CheckKeyEntries(issuer["keys"], where.Field("keys"));
    }
    if (issuer.contains("extra_jwks")) {
      const Where at = where.Field("extra_jwks");
      if (!issuer["extra_jwks"].is_array()) at.Fail("must be a list");
    }
    for (const char* name : {"discovery", "jwks"}) {
      if (issuer.contains(name)) {
        CheckResponse(issuer[name], where.Field(name), false, true);
      }
    }
  }

  void CheckVerifier(const json& verifier, const Where& where) const {
    CheckMembers(verifier, where,
                 {"leeway", "max_age", "expected_typ", "algorithms"});
    for (const char* name : {"leeway", "max_age"}) {
      if (verifier.contains(name) &&
          Integer(verifier[name], where.Field(name)) < 0) {
        where.Field(name).Fail("must not be negative");
      }
    }
    if (verifier.contains("expected_typ")) {
      String(verifier["expected_typ"], where.Field("expected_typ"));
    }
    if (verifier.contains("algorithms")) {
      const Where at = where.Field("algorithms");
      const std::vector<std::string> profile = AllProfileAlgorithms();
      const std::vector<std::string> algorithms =
          StringList(verifier["algorithms"], at);
      for (std::size_t i = 0; i < algorithms.size(); ++i) {
        if (std::find(profile.begin(), profile.end(), algorithms[i]) ==
            profile.end()) {
          at.Index(i).Fail("'" + algorithms[i] +
                           "' is not an algorithm of the profile");
        }
      }
    }
  }

  Verdict ExpectAndReasons(const json& holder, const Where& where,
                           std::vector<std::string>& reasons) {
    std::string verdict =
        OneOf(Required(holder, "expect", where), where.Field("expect"),
              {"accept", "reject", "acceptable"});
    if (holder.contains("reason")) {
      if (verdict == "accept") {
        where.Field("reason").Fail("an accepted token has no reason");
      }
      reasons = Reasons(holder["reason"], where.Field("reason"));
    } else if (verdict == "reject") {
      where.Field("reason").Fail("missing (a reject names its reason code)");
    }
    if (verdict == "accept") return Verdict::kAccept;
    if (verdict == "reject") return Verdict::kReject;
    return Verdict::kAcceptable;
  }

  Step CheckStep(const json& step_json, const Where& where) {
    CheckMembers(step_json, where,
                 {"token", "expect", "reason", "publish", "retire", "advance",
                  "heal", "fetches", "request", "expect_http"});
    Step step;
    step.token = step_json.value("token", json::object());
    CheckToken(step.token, where.Field("token"));
    step.expect = ExpectAndReasons(step_json, where, step.reasons);
    if (step_json.contains("request")) {
      step.request = step_json["request"];
      FailOn(CheckRequestSpec(step.request), where.Field("request"));
    }
    if (step_json.contains("expect_http")) {
      FailOn(ParseExpectHttp(step_json["expect_http"], step.expect_http),
             where.Field("expect_http"));
    }
    if (step_json.contains("publish")) {
      CheckKeyEntries(step_json["publish"], where.Field("publish"));
      step.publish = step_json["publish"];
    }
    if (step_json.contains("retire")) {
      step.retire = StringList(step_json["retire"], where.Field("retire"));
      for (std::size_t i = 0; i < step.retire.size(); ++i) {
        CheckKeyName(step.retire[i], where.Field("retire").Index(i));
      }
    }
    if (step_json.contains("advance")) {
      step.advance_seconds =
          Integer(step_json["advance"], where.Field("advance"));
      if (step.advance_seconds < 0 || step.advance_seconds > kMaxAdvance) {
        where.Field("advance").Fail("must be between 0 and " +
                                    std::to_string(kMaxAdvance) + " seconds");
      }
    }
    if (step_json.contains("heal")) {
      const Where at = where.Field("heal");
      step.heal = StringList(step_json["heal"], at);
      for (std::size_t i = 0; i < step.heal.size(); ++i) {
        OneOf(step.heal[i], at.Index(i), kHealable);
      }
    }
    if (step_json.contains("fetches")) {
      const Where at = where.Field("fetches");
      if (!step_json["fetches"].is_object()) at.Fail("must be a mapping");
      // discovery, jwks, or any other path of the issuer ("/moved.json").
      for (const auto& [name, value] : step_json["fetches"].items()) {
        if (name != "discovery" && name != "jwks" && !name.starts_with('/')) {
          at.Field(name).Fail(
              "unknown field (discovery, jwks or a path starting with '/')");
        }
      }
      for (const auto& [name, value] : step_json["fetches"].items()) {
        if (value.is_object()) {
          CheckMembers(value, at.Field(name), {"max"});
          const json& max = Required(value, "max", at.Field(name));
          step.max_fetches[name] = Count(max, at.Field(name).Field("max"));
        } else {
          step.fetches[name] = Count(value, at.Field(name));
        }
      }
    }
    return step;
  }

  Vector CheckVector(const json& item, const Where& file_where) {
    Where where = file_where;
    if (item.is_object() && item.contains("id") && item["id"].is_string()) {
      where.vector = item["id"].get<std::string>();
    }
    CheckMembers(item, where,
                 {"id", "title", "category", "requirements", "rationale",
                  "issuer", "verifier", "needs", "token", "expect", "reason",
                  "steps", "request", "expect_http"});
    Vector vector;
    vector.file = where.file;
    vector.id = NonEmptyString(Required(item, "id", where), where.Field("id"));
    static const std::regex kIdPattern("^[a-z0-9][a-z0-9-]*$");
    if (vector.id.size() > kMaxIdLength) {
      where.Field("id").Fail("longer than " + std::to_string(kMaxIdLength) +
                             " characters");
    }
    if (!std::regex_match(vector.id, kIdPattern)) {
      where.Field("id").Fail("use lowercase letters, digits and '-'");
    }
    vector.title =
        NonEmptyString(Required(item, "title", where), where.Field("title"));
    vector.category = OneOf(Required(item, "category", where),
                            where.Field("category"), kCategories);
    vector.rationale = NonEmptyString(Required(item, "rationale", where),
                                      where.Field("rationale"));
    vector.requirements = StringList(Required(item, "requirements", where),
                                     where.Field("requirements"));
    if (vector.requirements.empty()) {
      where.Field("requirements").Fail("must name at least one requirement");
    }
    for (std::size_t i = 0; i < vector.requirements.size(); ++i) {
      if (!suite_.requirements.contains(vector.requirements[i])) {
        where.Field("requirements")
            .Index(i)
            .Fail("unknown requirement '" + vector.requirements[i] + "'");
      }
    }
    if (item.contains("issuer")) {
      CheckIssuer(item["issuer"], where.Field("issuer"));
      vector.issuer = item["issuer"];
    }
    if (item.contains("verifier")) {
      CheckVerifier(item["verifier"], where.Field("verifier"));
      vector.verifier = item["verifier"];
    }
    if (item.contains("needs")) {
      vector.needs = StringList(item["needs"], where.Field("needs"));
      for (std::size_t i = 0; i < vector.needs.size(); ++i) {
        OneOf(vector.needs[i], where.Field("needs").Index(i), kNeeds);
      }
    }
    bool has_steps = item.contains("steps");
    bool has_single = item.contains("token") || item.contains("expect") ||
                      item.contains("reason") || item.contains("request") ||
                      item.contains("expect_http");
    if (has_steps == has_single) {
      where.Fail("needs either 'token' with 'expect', or 'steps'");
    }
    if (has_steps) {
      const Where at = where.Field("steps");
      const json& steps = item["steps"];
      if (!steps.is_array() || steps.empty())
        at.Fail("must be a non-empty list");
      for (std::size_t i = 0; i < steps.size(); ++i) {
        vector.steps.push_back(CheckStep(steps[i], at.Index(i)));
      }
    } else {
      json single = json::object();
      for (const char* name :
           {"token", "expect", "reason", "request", "expect_http"}) {
        if (item.contains(name)) single[name] = item[name];
      }
      vector.steps.push_back(CheckStep(single, where));
    }
    return vector;
  }

 private:
  VectorSuite& suite_;
};

void LoadKeys(const fs::path& root, VectorSuite& suite) {
  const std::string shown = "keys.yaml";
  json doc = ReadYamlFile(root / shown, shown);
  Where where{shown, "", ""};
  CheckMembers(doc, where, {"keys", "default_issuer_keys"});
  const json& keys = Required(doc, "keys", where);
  if (!keys.is_object()) where.Field("keys").Fail("must be a mapping");
  for (const auto& [name, spec] : keys.items()) {
    Where at = where.Field("keys").Field(name);
    CheckMembers(spec, at, {"kty", "bits", "crv", "alg", "kid"});
    KeyDefinition key;
    key.name = name;
    key.kty =
        OneOf(Required(spec, "kty", at), at.Field("kty"), {"RSA", "EC", "OKP"});
    if (key.kty == "RSA") {
      key.bits = static_cast<int>(
          Integer(Required(spec, "bits", at), at.Field("bits")));
    } else {
      key.crv = String(Required(spec, "crv", at), at.Field("crv"));
    }
    key.alg = String(Required(spec, "alg", at), at.Field("alg"));
    key.kid =
        spec.contains("kid") ? String(spec["kid"], at.Field("kid")) : name;
    suite.keys[name] = key;
  }
  suite.default_issuer_keys =
      StringList(Required(doc, "default_issuer_keys", where),
                 where.Field("default_issuer_keys"));
  for (const auto& name : suite.default_issuer_keys) {
    if (!suite.keys.contains(name)) {
      where.Field("default_issuer_keys").Fail("unknown key '" + name + "'");
    }
  }
}

void LoadRequirements(const fs::path& root, VectorSuite& suite) {
  const std::string shown = "requirements.yaml";
  json doc = ReadYamlFile(root / shown, shown);
  Where where{shown, "", ""};
  CheckMembers(doc, where, {"requirements"});
  const json& requirements = Required(doc, "requirements", where);
  if (!requirements.is_object()) {
    where.Field("requirements").Fail("must be a mapping");
  }
  for (const auto& [id, spec] : requirements.items()) {
    Where at = where.Field("requirements").Field(id);
    CheckMembers(spec, at, {"level", "source", "text"});
    suite.requirements[id] = {
        id,
        OneOf(Required(spec, "level", at), at.Field("level"),
              {"MUST", "SHOULD", "MAY"}),
        String(Required(spec, "text", at), at.Field("text"))};
  }
}

// Every vector file below `root`, sorted. Unreadable folders, link loops and
// dangling links are errors naming the path, not silently skipped.
std::vector<fs::path> VectorFiles(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code error;
  fs::recursive_directory_iterator it(root, error), end;
  for (; !error && it != end; it.increment(error)) {
    const fs::path& path = it->path();
    if (path.extension() != ".yaml" && path.extension() != ".yml") continue;
    std::error_code status_error;
    if (!fs::is_regular_file(path, status_error)) {
      const std::string why =
          status_error ? status_error.message() : "not a regular file";
      throw VectorError(path.string() + ": " + why);
    }
    if (path.parent_path() == root &&
        (path.filename() == "keys.yaml" ||
         path.filename() == "requirements.yaml")) {
      continue;
    }
    files.push_back(path);
  }
  if (error) {
    const fs::path where = it == end ? root : it->path();
    throw VectorError(where.string() + ": " + error.message());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

bool Vector::Needs(const std::string& capability) const {
  return std::find(needs.begin(), needs.end(), capability) != needs.end();
}

bool Vector::UsesDefaultIssuer() const {
  return issuer.is_null() && verifier.is_null() && steps.size() == 1;
}

VectorSuite LoadVectorSuite(const fs::path& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    throw VectorError(root.string() + ": not a vectors folder");
  }
  VectorSuite suite;
  suite.root = root.string();
  LoadRequirements(root, suite);
  LoadKeys(root, suite);
  SuiteChecker checker(suite);
  std::map<std::string, std::string> seen;  // id -> file
  for (const fs::path& path : VectorFiles(root)) {
    const std::string shown = fs::relative(path, root).generic_string();
    json doc = ReadYamlFile(path, shown);
    Where where{shown, "", ""};
    CheckMembers(doc, where, {"vectors"});
    const json& items = Required(doc, "vectors", where);
    if (!items.is_array()) where.Field("vectors").Fail("must be a list");
    for (const json& item : items) {
      Vector vector = checker.CheckVector(item, where);
      auto [it, inserted] = seen.emplace(vector.id, shown);
      if (!inserted) {
        Where{shown, vector.id, "id"}.Fail("duplicate id, first in " +
                                           it->second);
      }
      suite.vectors.push_back(std::move(vector));
    }
  }
  if (suite.vectors.empty()) {
    throw VectorError(root.string() + ": no vectors found");
  }
  return suite;
}

}  // namespace jwtconf::harness
