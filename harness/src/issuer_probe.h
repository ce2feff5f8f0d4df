// Checks one issuer's discovery document and JWK Set against the
// requirements catalogue (`jwtconf probe-issuer`). It fetches exactly two
// URLs: the issuer's metadata (DISC-2) and the jwks_uri that names; nothing
// else, and redirects only within the same origin.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "jwtconf/reference/http_fetcher.h"
#include "probe_check.h"

namespace jwtconf::harness {

struct ProbeOptions {
  std::string ca_file;      // PEM bundle to trust instead of the system store
  bool allow_http = false;  // plain http issuers, for test set-ups only
  std::chrono::milliseconds timeout{5000};  // per fetch
};

struct ProbeReport {
  std::string issuer;
  std::string metadata_url;
  std::string jwks_uri;  // "" until the metadata named one
  // False when the metadata could not be fetched at all (no connection, TLS
  // failure, timeout): the checks then say why, and nothing was judged.
  bool reachable = true;
  std::vector<ProbeCheck> checks;

  bool HasFailure() const;
};

// Throws std::invalid_argument when `issuer` is not an http(s) URL.
ProbeReport ProbeIssuer(const std::string& issuer, const ProbeOptions& options);

// The same over a given transport (tests).
ProbeReport ProbeIssuer(const std::string& issuer, HttpFetcher& fetcher,
                        bool allow_http);

}  // namespace jwtconf::harness
