#!/usr/bin/env bash
# `jwtconf run --launch` against deliberately broken targets (hostile_target.py):
# each misbehaviour gets its own outcome (timeout, crash, error), a dead
# target is restarted once, and every run completes with a full report in
# bounded time.
# Usage: hostile_targets.sh JWTCONF WORK_DIR
set -u
jwtconf=$1
work=$2
target="$(cd "$(dirname "$0")" && pwd)/hostile_target.py"
# Five single-step reject vectors of the shared issuer, in this order.
filter='^exp-(one-hour-ago|missing|as-string|as-boolean|as-null)$'
failures=0
rm -rf "$work"
mkdir -p "$work"

# check MODE EXIT MAX_SECONDS STARTS OUTCOMES [DETAIL]: runs MODE and checks
# the exit code, wall time, number of launches (lines in target.log), the
# outcome of each vector in order, and a text every non-pass detail holds.
check() {
  local mode=$1 want_exit=$2 max_seconds=$3 want_starts=$4 want=$5
  local detail=${6:-}
  local dir="$work/$mode"
  local started=$SECONDS
  "$jwtconf" run --jobs 1 --filter "$filter" --timeout-ms 500 \
    --startup-timeout-ms 1000 --report-dir "$dir" \
    --launch "/usr/bin/python3 $target $mode --port {port} --lifetime 30" \
    >"$dir.out" 2>"$dir.err"
  local got=$? took=$((SECONDS - started))
  local starts
  starts=$(grep -c "hostile_target: start" "$dir/target.log" 2>/dev/null)
  local outcomes
  outcomes=$(/usr/bin/python3 - "$dir/results.json" "$detail" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
assert run["partial"] is False, "report is partial"
assert run["summary"]["total"] == len(run["results"])
for vector in run["results"]:
    if vector["outcome"] != "pass" and sys.argv[2]:
        detail = vector["steps"][-1]["observed"]["detail"]
        assert sys.argv[2] in detail, vector["id"] + ": " + detail
print(" ".join(vector["outcome"] for vector in run["results"]))
PY
  )
  local problem=""
  [ "$got" = "$want_exit" ] || problem+=" exit $got (want $want_exit);"
  [ "$took" -le "$max_seconds" ] || problem+=" took ${took}s (max $max_seconds);"
  [ "$starts" = "$want_starts" ] || problem+=" $starts starts (want $want_starts);"
  [ "$outcomes" = "$want" ] || problem+=" outcomes '$outcomes' (want '$want');"
  if [ -n "$problem" ]; then
    echo "FAIL $mode:$problem"
    cat "$dir.err"
    failures=$((failures + 1))
  else
    echo "ok $mode: $outcomes in ${took}s, $starts start(s)"
  fi
}

check hang 1 20 1 "timeout timeout timeout timeout timeout" "within 500 ms"
check drip 1 20 1 "timeout timeout timeout timeout timeout" "within 500 ms"
check close 1 20 1 "error error error error error" "connection closed"
check garbage 1 20 1 "error error error error error" "not HTTP"
check non-http 1 20 1 "error error error error error" "not HTTP"
# Dies while answering its second request, is restarted once, dies again.
check die-after=1 1 20 2 "pass crash pass crash error"
check crash-on-first 1 20 2 "crash crash error error error"
# Exits while idle: restarted without a failed step, then given up on.
check good-then-die 1 20 2 "pass pass error error error" "died 2 times"
# One startup wait per launch attempt, two attempts, not one per vector.
check never-listen 1 20 2 "error error error error error" "never listened"

# The crash details name how the target ended.
grep -q "killed by signal 9" "$work/crash-on-first/results.json" ||
  { echo "FAIL crash-on-first: no signal in the detail"; failures=$((failures + 1)); }
grep -q "exited with status 3" "$work/die-after=1/results.json" ||
  { echo "FAIL die-after=1: no exit status in the detail"; failures=$((failures + 1)); }

exit $((failures > 0))
