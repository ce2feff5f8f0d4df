#!/usr/bin/env bash
# Runs the reference server under valgrind memcheck: its unit tests, the
# whole vector suite over HTTP (the e2e.suite_over_http_reference_server test)
# with every launched server under valgrind, and the attachable vectors
# against one server that then exits cleanly for the leak check. Exits 1 on
# any memcheck error, definite/indirect leak or vector mismatch.
#
#   scripts/valgrind.sh [--build-dir build-default] [--no-build]
#                       [--filter REGEX]   (vector ids, as `jwtconf run`)
#
# Builds the two binaries it needs with the `default` preset's settings
# (--no-build: use them as they are in --build-dir).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

build_dir=build-default
build=1
filter=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --filter) filter=(--filter "$2"); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "valgrind.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
command -v valgrind >/dev/null || { echo "valgrind.sh: install valgrind" >&2; exit 2; }

if [ "$build" = 1 ]; then
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJWTCONF_WERROR=ON
  fi
  cmake --build "$build_dir" --target jwtconf jwtconf_reference_server_test -j"$(nproc)"
fi
jwtconf=$(realpath "$build_dir/harness/jwtconf")
out=$(realpath -m "$build_dir/valgrind")
rm -rf "$out"
mkdir -p "$out"

memcheck="valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
--num-callers=30 --suppressions=$root/scripts/valgrind.supp"

echo "== reference server unit tests under memcheck"
status=0
$memcheck --log-file="$out/unit.log" \
  "$build_dir/reference/jwtconf_reference_server_test" >"$out/unit.out" 2>&1 ||
  status=$?
tail -3 "$out/unit.out"
grep -h "ERROR SUMMARY" "$out/unit.log"

echo "== vector suite over HTTP, reference server under memcheck"
suite_status=0
"$jwtconf" run --report-dir "$out/suite" --token-endpoint /token \
  --startup-timeout-ms 60000 --timeout-ms 60000 "${filter[@]}" \
  --launch "$memcheck --log-file=$out/server.%p.log $jwtconf reference-server --issuer {issuer} --audience {audience} --listen 127.0.0.1:{port} --ca-file {ca_file} --token-endpoint /token --timeout-ms 10000 --duration 1800" \
  >"$out/suite.out" 2>&1 || suite_status=$?
grep -E "^(outcomes|[0-9]+ passed)" "$out/suite.out" || tail -5 "$out/suite.out"

# The harness stops a server with SIGTERM and a 2 s grace: a server killed
# before memcheck's exit summary still logs its errors as they happen.
servers=$(find "$out" -name 'server.*.log' | wc -l)
summaries=$(grep -l "ERROR SUMMARY" "$out"/server.*.log 2>/dev/null | wc -l || true)
echo "servers: $servers under memcheck, $summaries with a full exit summary"

# The leak check needs memcheck's exit summary: one server that lives for the
# whole attached run (plain http, as --attach requires) and is stopped with
# SIGTERM, with all the time it needs to exit.
echo "== vectors attached to one reference server under memcheck"
read -r issuer_port server_port < <(python3 -c '
import socket
a, b = socket.socket(), socket.socket()
a.bind(("127.0.0.1", 0)); b.bind(("127.0.0.1", 0))
print(a.getsockname()[1], b.getsockname()[1])')
$memcheck --log-file="$out/server.attached.log" "$jwtconf" reference-server \
  --issuer "http://127.0.0.1:$issuer_port/suite" --allow-http \
  --audience https://rs.jwtconf.test --listen "127.0.0.1:$server_port" \
  --timeout-ms 10000 --duration 3600 >"$out/server.attached.out" 2>&1 &
server_pid=$!
sleep 10
attached_status=0
"$jwtconf" run --report-dir "$out/attached" --timeout-ms 60000 "${filter[@]}" \
  --issuer-listen "127.0.0.1:$issuer_port" \
  --attach "http://127.0.0.1:$server_port/" >"$out/attached.out" 2>&1 ||
  attached_status=$?
grep -E "^(outcomes|[0-9]+ passed)" "$out/attached.out" || tail -5 "$out/attached.out"
kill -TERM "$server_pid"
wait "$server_pid" || attached_status=$?
grep -h -E "ERROR SUMMARY|in use at exit" "$out/server.attached.log"
suite_status=$((suite_status > attached_status ? suite_status : attached_status))

problems=$(grep -l -E "ERROR SUMMARY: [1-9]|Invalid (read|write|free)|uninitialised|definitely lost: [1-9]|indirectly lost: [1-9]" \
  "$out/unit.log" "$out"/server.*.log 2>/dev/null || true)
if [ "$status" -ne 0 ] || [ "$suite_status" -ne 0 ] || [ -n "$problems" ]; then
  echo "valgrind.sh: FAILED (unit exit $status, suite exit $suite_status)" >&2
  [ -n "$problems" ] && echo "memcheck reports in: $problems" >&2
  exit 1
fi
echo "valgrind.sh: clean"
