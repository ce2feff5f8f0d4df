// Every single-bit change to the signature of a good token, for each
// algorithm of the profile, is refused as bad_signature (JWS-8).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "jwtconf/mock_idp/signing_key.h"
#include "jwtconf/reference/clock.h"
#include "jwtconf/reference/jwk_set.h"
#include "jwtconf/reference/key_source.h"
#include "jwtconf/reference/verifier.h"
#include "key_pool.h"
#include "runner.h"
#include "token_builder.h"
#include "vector_loader.h"

namespace jwtconf::harness {
namespace {

constexpr char kIssuer[] = "https://issuer.jwtconf.test/tampered";

// The shipped good vectors that send one plain token: one per algorithm.
std::map<std::string, const Vector*> GoodVectorPerAlgorithm(
    const VectorSuite& suite, KeyPool& keys) {
  std::map<std::string, const Vector*> chosen;
  for (const Vector& vector : suite.vectors) {
    if (vector.category != "good" || !vector.UsesDefaultIssuer()) continue;
    const Step& step = vector.steps.front();
    if (step.expect != Verdict::kAccept || step.token.contains("header") ||
        step.token.contains("claims") || !step.request.is_null()) {
      continue;
    }
    const std::string key = step.token.value("key", "rsa");
    const std::string alg = step.token.value("alg", keys.Definition(key).alg);
    chosen.emplace(alg, &vector);
  }
  return chosen;
}

TEST(TamperedSignature, EveryFlippedBitOfEveryGoodTokenIsBadSignature) {
  const VectorSuite suite = LoadVectorSuite(JWTCONF_VECTORS_DIR);
  KeyPool keys(suite.keys);
  const std::map<std::string, const Vector*> good =
      GoodVectorPerAlgorithm(suite, keys);
  const std::vector<std::string> profile = AllProfileAlgorithms();
  ASSERT_EQ(good.size(), profile.size()) << "a good vector per algorithm";

  nlohmann::json jwks = {{"keys", nlohmann::json::array()}};
  for (const std::string& name : suite.default_issuer_keys) {
    nlohmann::json jwk = keys.Key(name).PublicJwk();
    jwk["kid"] = keys.Definition(name).kid;
    jwks["keys"].push_back(jwk);
  }
  auto parsed = JwkSet::Parse(jwks.dump());
  ASSERT_EQ(parsed.reason, Reason::kOk);
  StaticKeySource source(parsed.set);
  FixedClock clock{TimePoint(std::chrono::seconds(kFixedNow))};
  VerifierOptions options;
  options.issuers = {kIssuer};
  options.audience = kDefaultAudience;
  Verifier verifier(options, source, clock);

  PlaceholderValues values;
  values.issuer = kIssuer;
  values.audience = kDefaultAudience;
  values.now = kFixedNow;
  for (const auto& [alg, vector] : good) {
    const nlohmann::json& spec = vector->steps.front().token;
    const std::string token = BuildToken(spec, keys, {values, {}});
    ASSERT_TRUE(verifier.Verify(token).ok()) << vector->id;

    // A fresh valid signature over the same input, then each bit flipped.
    const std::string input = token.substr(0, token.rfind('.'));
    const mockidp::SigningKey& key = keys.Key(spec.value("key", "rsa"));
    const std::string signature = key.Sign(alg, input);
    for (std::size_t bit = 0; bit < signature.size() * 8; ++bit) {
      std::string tampered = signature;
      tampered[bit / 8] ^= static_cast<char>(1 << (bit % 8));
      const Verification verdict =
          verifier.Verify(input + "." + mockidp::Base64UrlEncode(tampered));
      ASSERT_EQ(verdict.reason, Reason::kBadSignature)
          << vector->id << " (" << alg << "), bit " << bit;
    }
  }
}

}  // namespace
}  // namespace jwtconf::harness
