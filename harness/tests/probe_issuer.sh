#!/usr/bin/env bash
# `jwtconf probe-issuer` against a standalone mock issuer on loopback: the
# table, --json, and the exit codes 0/1 (checks), 2 (usage), 3 (unreachable).
# Usage: probe_issuer.sh JWTCONF WORK_DIR
set -u
jwtconf=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

timeout 60 "$jwtconf" mock-idp --listen 127.0.0.1:0 --issuer idp \
  --duration 30 >"$work/idp.out" 2>&1 &
idp=$!
for _ in $(seq 100); do
  grep -q '^issuer ' "$work/idp.out" && break
  sleep 0.1
done
issuer=$(sed -n 's/^issuer //p' "$work/idp.out")
[ -n "$issuer" ] || { echo "FAIL: mock issuer did not start"; exit 1; }

# Plain http is refused without --allow-http: a fail, nothing fetched.
"$jwtconf" probe-issuer "$issuer" >"$work/refused.out" 2>&1
code=$?
[ "$code" = 1 ] || fail "http issuer without --allow-http: exit $code"
grep -q "^fail  *DISC-6  *issuer is https" "$work/refused.out" ||
  fail "no DISC-6 fail line: $(cat "$work/refused.out")"

# With --allow-http: http is only a warning, the rest is checked.
"$jwtconf" probe-issuer "$issuer" --allow-http >"$work/table.out" 2>&1
code=$?
grep -q "^warn  *DISC-4  *jwks_uri is https" "$work/table.out" ||
  fail "no DISC-4 warn line: $(cat "$work/table.out")"
grep -q "^pass  *DISC-3  *issuer matches exactly" "$work/table.out" ||
  fail "no DISC-3 pass line"
grep -q "^pass  *JWKS-9  *no private key members" "$work/table.out" ||
  fail "no JWKS-9 pass line"
grep -q "^fail" "$work/table.out" && want=1 || want=0
[ "$code" = "$want" ] || fail "exit $code with the table above (want $want)"

# --json carries the same checks.
"$jwtconf" probe-issuer "$issuer" --allow-http --json >"$work/probe.json"
/usr/bin/python3 - "$work/probe.json" "$issuer" <<'PY' || fail "bad --json"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["issuer"] == sys.argv[2] and report["reachable"] is True
names = {check["check"]: check["status"] for check in report["checks"]}
assert names["issuer matches exactly"] == "pass", names
assert names["reference verifier loads the keys"] == "pass", names
PY

# Usage and unreachable issuers.
"$jwtconf" probe-issuer "not a url" >/dev/null 2>"$work/usage.err"
[ $? = 2 ] || fail "bad URL: exit not 2"
grep -q "not an http(s) URL" "$work/usage.err" || fail "no usage message"
kill "$idp"
wait "$idp" 2>/dev/null
"$jwtconf" probe-issuer "$issuer" --allow-http --timeout-ms 500 \
  >/dev/null 2>"$work/unreachable.err"
code=$?
[ "$code" = 3 ] || fail "unreachable issuer: exit $code (want 3)"
grep -q "unreachable" "$work/unreachable.err" || fail "no unreachable message"

[ "$failures" = 0 ] && echo "ok: probe-issuer"
exit $((failures > 0))
