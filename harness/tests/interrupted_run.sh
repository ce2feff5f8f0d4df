#!/usr/bin/env bash
# A run stopped early leaves a report that parses and says partial, exits
# with its documented code, and leaves no launched process behind.
# Usage: interrupted_run.sh JWTCONF WORK_DIR INT|TERM|run-timeout
#   INT, TERM: the signal is sent about 1 s into the run (exit 130);
#   run-timeout: --run-timeout 1 stops it (exit 4).
set -u
jwtconf=$1
work=$2
how=$3
target="$(cd "$(dirname "$0")" && pwd)/hostile_target.py"
rm -rf "$work"
mkdir -p "$work"

# Five vectors against a target that never answers: 10 s if not stopped.
args=(run --jobs 1 --filter '^exp-(one-hour-ago|missing|as-string|as-boolean|as-null)$'
  --timeout-ms 2000 --report-dir "$work"
  --launch "/usr/bin/python3 $target hang --port {port} --lifetime 30")
want=130
started=$SECONDS
if [ "$how" = run-timeout ]; then
  want=4
  "$jwtconf" "${args[@]}" --run-timeout 1 >"$work/out" 2>"$work/err"
  got=$?
else
  "$jwtconf" "${args[@]}" >"$work/out" 2>"$work/err" &
  pid=$!
  # About 1 s into the first vector: once the target has started.
  for _ in $(seq 200); do
    grep -qs "hostile_target: start" "$work/target.log" && break
    sleep 0.1
  done
  sleep 1
  started=$SECONDS
  kill -"$how" "$pid"
  wait "$pid"
  got=$?
fi
took=$((SECONDS - started))

problem=""
[ "$got" = "$want" ] || problem+=" exit $got (want $want);"
# The stop lands within about one request timeout (the run's start, key
# generation included, counts for --run-timeout), not after every vector.
[ "$took" -le 15 ] || problem+=" took ${took}s;"
if ! /usr/bin/python3 - "$work/results.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
assert run["partial"] is True, "not marked partial"
assert 1 <= len(run["results"]) < 5, "%d results" % len(run["results"])
assert run["summary"]["total"] == len(run["results"])
PY
then
  problem+=" bad report;"
fi
grep -q "Partial run" "$work/report.md" || problem+=" report.md not partial;"
# Every process of every launched target's group is gone.
for pgid in $(sed -n 's/.* pgid=\([0-9]*\)$/\1/p' "$work/target.log"); do
  if pgrep -g "$pgid" >/dev/null; then
    ps -o pid,stat,cmd -g "$pgid"
    problem+=" process group $pgid still running;"
  fi
done
[ -s "$work/target.log" ] || problem+=" the target never started;"
if [ "$how" = run-timeout ]; then
  grep -q "longer than --run-timeout 1 s" "$work/err" || problem+=" no timeout message;"
fi

if [ -n "$problem" ]; then
  echo "FAIL $how:$problem"
  cat "$work/err"
  exit 1
fi
echo "ok $how: exit $got after ${took}s, partial report, no process left"
