#!/usr/bin/env bash
# Bad input to the CLI gives a clear message and a non-zero exit, never a
# crash. Usage: cli_errors.sh JWTCONF_BINARY WORK_DIR
set -u
jwtconf=$1
work=$2
rm -rf "$work" && mkdir -p "$work"
failures=0

# expect CODE PATTERN -- ARGS...: exit code CODE and PATTERN on stderr.
expect() {
  local code=$1 pattern=$2
  shift 3
  "$jwtconf" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -ne "$code" ] || ! grep -q -- "$pattern" "$work/err"; then
    echo "FAIL: jwtconf $* -> exit $got (want $code), stderr:"
    sed 's/^/  /' "$work/err"
    failures=$((failures + 1))
  else
    echo "ok: jwtconf $* -> exit $got: $(head -n1 "$work/err")"
  fi
}

mkdir -p "$work/bad-yaml" "$work/bad-field"
cp "$(dirname "$0")/../../vectors/keys.yaml" "$(dirname "$0")/../../vectors/requirements.yaml" "$work/bad-yaml/"
cp "$work/bad-yaml/"*.yaml "$work/bad-field/"
printf 'vectors:\n  - id: [unclosed\n' >"$work/bad-yaml/broken.yaml"
cat >"$work/bad-field/cases.yaml" <<'YAML'
vectors:
  - id: no-verdict
    title: a vector without its verdict
    category: good
    requirements: [HTTP-6]
    rationale: the loader must name the missing field
    token: {}
YAML

expect 2 "not a vectors folder" -- run --vectors "$work/missing" --report-dir "$work/r"
expect 2 "broken.yaml:" -- run --vectors "$work/bad-yaml" --report-dir "$work/r"
expect 2 "cases.yaml: vector 'no-verdict': field 'expect': missing" -- run --vectors "$work/bad-field" --report-dir "$work/r"
expect 2 "exclude each other" -- run --launch x --attach http://127.0.0.1:1 --report-dir "$work/r"
expect 2 "the command is empty" -- run --launch '' --report-dir "$work/r"
expect 2 "unknown placeholder {bogus}" -- run --launch 'x {bogus}' --report-dir "$work/r"
expect 2 "target URL must be" -- run --attach ftp://127.0.0.1/x --report-dir "$work/r"
expect 2 "loopback" -- run --issuer-listen 10.0.0.1:80 --report-dir "$work/r"
expect 2 "no vector id matches" -- run --filter '^nothing-matches$' --report-dir "$work/r"
# A target that cannot start is an error per vector, not an aborted run.
expect 1 "exited with status 7 before listening" -- run --launch "exit 7" --startup-timeout-ms 2000 --report-dir "$work/r"
expect 2 "loopback" -- reference-server --issuer https://issuer.example --audience a --listen 0.0.0.0:0
expect 2 "allow-http" -- reference-server --issuer http://127.0.0.1:1/x --audience a --listen 127.0.0.1:0 --duration 1
expect 2 "" -- no-such-command

# An unreachable attached target is an error per vector, not a crash.
"$jwtconf" run --attach http://127.0.0.1:9 --timeout-ms 300 --filter '^good-' \
  --report-dir "$work/attach" >"$work/out" 2>"$work/err"
got=$?
if [ "$got" -ne 1 ] || ! grep -q '"outcome": "error"' "$work/attach/results.json"; then
  echo "FAIL: unreachable attach target -> exit $got"; failures=$((failures + 1))
else
  echo "ok: unreachable attach target -> exit 1 with error outcomes"
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
