#!/usr/bin/env bash
# `jwtconf verify`: verdicts and exit codes with a JWK Set file (tokens and
# keys from an export) and with discovery of a loopback mock issuer.
# Usage: verify_command.sh JWTCONF_BINARY WORK_DIR
set -u
jwtconf=$1
work=$2
rm -rf "$work" && mkdir -p "$work"
failures=0

# expect CODE PATTERN -- ARGS...: exit code CODE and PATTERN in stdout+stderr.
expect() {
  local code=$1 pattern=$2
  shift 3
  "$jwtconf" "$@" >"$work/out" 2>&1 <"${stdin:-/dev/null}"
  local got=$?
  if [ "$got" -ne "$code" ] || ! grep -q -- "$pattern" "$work/out"; then
    echo "FAIL: jwtconf $1 ... -> exit $got (want $code, '$pattern'):"
    sed 's/^/  /' "$work/out"
    failures=$((failures + 1))
  else
    echo "ok: jwtconf $1 ... -> exit $got: $(grep -m1 -- "$pattern" "$work/out" | cut -c1-100)"
  fi
}

"$jwtconf" vectors export --out "$work/export.json" 2>/dev/null || exit 1
# The default group's key set, a token it accepts and one it rejects.
python3 - "$work" <<'PY' || exit 1
import json, sys
work = sys.argv[1]
group = json.load(open(f"{work}/export.json"))["testGroups"][0]
json.dump(group["jwks"], open(f"{work}/jwks.json", "w"))
valid = next(t for t in group["tests"] if t["result"] == "valid")
expired = next(t for t in group["tests"] if t["reasons"] == ["expired"])
for name, value in (("issuer", group["issuer"]), ("audience", group["audience"]),
                    ("now", group["now"]), ("valid", valid["token"]),
                    ("expired", expired["token"])):
    open(f"{work}/{name}", "w").write(str(value))
PY
issuer=$(cat "$work/issuer")
audience=$(cat "$work/audience")
now=$(cat "$work/now")
valid=$(cat "$work/valid")
expired=$(cat "$work/expired")
jwks=(--jwks "$work/jwks.json" --issuer "$issuer" --audience "$audience")

expect 0 "verdict: accept" -- verify "$valid" "${jwks[@]}" --at "$now"
expect 0 "^key: " -- verify "$valid" "${jwks[@]}" --at 2026-01-01T00:00:00Z
expect 1 "verdict: reject (expired)" -- verify "$expired" "${jwks[@]}" --at "$now"
expect 1 "verdict: reject (expired)" -- verify "$valid" "${jwks[@]}" --at 2030-01-01T00:00:00Z
expect 1 "reject (issuer_mismatch)" -- verify "$valid" --jwks "$work/jwks.json" --issuer https://other.example --audience "$audience" --at "$now"
expect 0 '"verdict": "accept"' -- verify "$valid" "${jwks[@]}" --at "$now" --json
expect 1 '"reason": "expired"' -- verify "$expired" "${jwks[@]}" --at "$now" --json
# The JWS layer only: an expired token's signature still verifies.
expect 0 "verdict: accept" -- verify "$expired" --jwks "$work/jwks.json" --no-claims
# One character inside the signature changed (not the last: its low bits
# may be unused, and a strict decoder refuses them as malformed).
at=$((${#valid} - 10))
[ "${valid:at:1}" = A ] && swap=B || swap=A
tampered=${valid:0:at}$swap${valid:at+1}
expect 1 "reject (bad_signature)" -- verify "$tampered" "${jwks[@]}" --at "$now"
printf '%s\n' "$valid" >"$work/token.txt"
stdin=$work/token.txt expect 0 "verdict: accept" -- verify - "${jwks[@]}" --at "$now"
stdin=$work/token.txt expect 0 "verdict: accept" -- verify "${jwks[@]}" --at "$now"

printf 'not json' >"$work/bad-jwks.json"
expect 2 "give --jwks FILE or --issuer URL" -- verify "$valid" --audience a
expect 2 "needs --issuer" -- verify "$valid" --jwks "$work/jwks.json" --audience a
expect 2 "--audience is required" -- verify "$valid" --jwks "$work/jwks.json" --issuer "$issuer"
expect 2 "cannot read" -- verify "$valid" --jwks "$work/missing.json" --no-claims
# An instant the clock cannot hold is refused, never wrapped around.
expect 2 "--at" -- verify "$valid" "${jwks[@]}" --at 20243148774
expect 2 "is a folder" -- verify "$valid" --jwks "$work" --no-claims
stdin=/dev/zero expect 2 "larger than" -- verify - "${jwks[@]}" --at "$now"
expect 2 "not a usable JWK Set" -- verify "$valid" --jwks "$work/bad-jwks.json" --no-claims
expect 2 "--at: 'yesterday'" -- verify "$valid" "${jwks[@]}" --at yesterday
expect 2 "plain http needs --allow-http" -- verify "$valid" --issuer http://127.0.0.1:9/x --audience a
expect 2 "no token on standard input" -- verify "${jwks[@]}"

# Discovery of a loopback mock issuer; it stops by itself after 30 s.
"$jwtconf" mock-idp --listen 127.0.0.1:0 --issuer demo --duration 30 \
  --mint '{"aud": "https://rs.example", "sub": "spiffe://example.org/w"}' >"$work/idp.out" 2>/dev/null &
idp=$!
for _ in $(seq 100); do grep -q '^token ' "$work/idp.out" && break; sleep 0.1; done
idp_issuer=$(awk '$1 == "issuer" {print $2; exit}' "$work/idp.out")
idp_token=$(awk '$1 == "token" {print $3; exit}' "$work/idp.out")
expect 0 "verdict: accept" -- verify "$idp_token" --issuer "$idp_issuer" --allow-http --audience https://rs.example
expect 1 "reject (audience_mismatch)" -- verify "$idp_token" --issuer "$idp_issuer" --allow-http --audience https://other.example
kill "$idp" 2>/dev/null
wait "$idp" 2>/dev/null

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
