#!/usr/bin/env bash
# Installs what jwtconf needs on Debian 12 (run as root), and the npm
# dependencies of the adapters when npm is present.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
  cmake g++ make pkg-config ca-certificates \
  clang libclang-rt-14-dev valgrind \
  libssl-dev nlohmann-json3-dev libyaml-cpp-dev libcpp-httplib-dev \
  libcli11-dev libgtest-dev libgmock-dev python3-jsonschema python3-yaml \
  python3-jwt python3-jwcrypto python3-authlib python3-jose \
  ruby ruby-jwt ruby-webrick \
  libcrypt-jwt-perl libhttp-daemon-perl libio-socket-ssl-perl \
  chromium libxml2-utils

if command -v npm >/dev/null 2>&1; then
  for adapter in harness/adapters/*/; do
    if [ -f "$adapter/package-lock.json" ]; then
      (cd "$adapter" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
fi
