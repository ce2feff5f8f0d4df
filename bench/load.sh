#!/usr/bin/env bash
# Bounded loopback load (issue 6, item 3): wrk against the reference server
# (valid bearer token, keys from a mock issuer) and against the mock issuer's
# JWK Set endpoint. Prints requests/s, p99, errors (non-2xx and socket
# errors; must be 0) and the server's RSS at start, middle and end.
#
#   bench/load.sh [--duration S] [--connections N] [--alg ALG] [--jwtconf PATH]
#
# Everything listens on 127.0.0.1 and stops by itself (timeout, --duration).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=10 connections=16 alg=ES256 jwtconf=""
while (($#)); do
  case "$1" in
    --duration) duration="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --alg) alg="$2"; shift ;;
    --jwtconf) jwtconf="$2"; shift ;;
    *) echo "usage: bench/load.sh [--duration S] [--connections N] [--alg ALG] [--jwtconf PATH]" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 3; }
if [[ -z "$jwtconf" ]]; then
  for candidate in "$root/build-bench/harness/jwtconf" "$root/build/harness/jwtconf"; do
    [[ -x "$candidate" ]] && { jwtconf="$candidate"; break; }
  done
fi
[[ -x "$jwtconf" ]] || { echo "jwtconf not built; pass --jwtconf PATH" >&2; exit 3; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# The servers outlive both wrk runs by a margin, then stop on their own.
life=$((2 * duration + 30))

# Waits up to 10 s for a line matching $2 in file $1.
await_line() {
  for _ in $(seq 100); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "no '$2' in $1:" >&2; cat "$1" >&2; return 1
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# The server itself: the child of the `timeout` that bounds it.
server_pid() { pgrep -P "$1" | head -1; }

# Runs wrk on $2 for the configured time while sampling the RSS of pid $1.
load() {
  local pid=$1 url=$2 start middle end
  start=$(rss_kib "$pid")
  timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" \
    --timeout 5s --latency -s "$root/bench/load/bearer.lua" "$url" \
    >"$work/wrk.out" 2>&1 &
  local wrk_pid=$!
  sleep "$(awk -v d="$duration" 'BEGIN {print d / 2}')"
  middle=$(rss_kib "$pid")
  wait "$wrk_pid" || { cat "$work/wrk.out" >&2; return 1; }
  end=$(rss_kib "$pid")
  local result
  result=$(grep '^RESULT' "$work/wrk.out" | sed 's/^RESULT //')
  echo "  $result"
  echo "  server RSS KiB: start=$start middle=$middle end=$end"
  if ! grep -q 'non_2xx=0 socket_errors=0' <<<"$result"; then
    echo "  ERRORS during the run" >&2; return 1
  fi
}

exp=$(($(date +%s) + 3600))
timeout "$life" "$jwtconf" mock-idp --listen 127.0.0.1:0 --alg "$alg" \
  --duration "$life" \
  --mint "{\"sub\":\"load\",\"aud\":\"bench-api\",\"exp\":$exp}" \
  >"$work/idp.out" 2>&1 &
pids+=($!)
idp_pid=$!
await_line "$work/idp.out" '^token '
issuer=$(awk '/^issuer / {print $2; exit}' "$work/idp.out")
token=$(awk '/^token / {print $3; exit}' "$work/idp.out")

timeout "$life" "$jwtconf" reference-server --listen 127.0.0.1:0 \
  --issuer "$issuer" --audience bench-api --allow-http --duration "$life" \
  >"$work/rs.out" 2>&1 &
pids+=($!)
rs_pid=$!
await_line "$work/rs.out" '^listening on '
server=$(awk '/^listening on / {print $3; exit}' "$work/rs.out")

# The token must be accepted before load means anything.
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
  -H "Authorization: Bearer $token" "$server/")
[[ "$status" == 2* ]] || { echo "reference server answered $status to the token" >&2; exit 1; }

echo "load: ${duration}s, $connections connections, wrk -t2, loopback; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "reference server ($server/, $alg bearer token, keys cached):"
TOKEN="$token" load "$(server_pid "$rs_pid")" "$server/"
echo "mock issuer JWK Set ($issuer/jwks.json):"
TOKEN="" load "$(server_pid "$idp_pid")" "$issuer/jwks.json"
