#!/usr/bin/env bash
# `jwtconf run --rerun-failed REPORT` runs only the vectors that failed in
# REPORT, warns about ids gone from the suite, and refuses bad reports.
# Usage: rerun_failed.sh JWTCONF WORK_DIR
set -u
jwtconf=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# A first run of four vectors (in-process: fast, all pass).
"$jwtconf" run --filter '^exp-(one-hour-ago|missing|as-string|as-boolean)$' \
  --report-dir "$work/first" >/dev/null 2>&1 || fail "first run"

# The same report with other outcomes, and a failed id the suite lacks.
/usr/bin/python3 - "$work/first/results.json" "$work/earlier.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
outcomes = {"exp-one-hour-ago": "fail", "exp-missing": "warn",
            "exp-as-string": "timeout", "exp-as-boolean": "pass"}
for vector in run["results"]:
    vector["outcome"] = outcomes[vector["id"]]
gone = dict(run["results"][0], id="no-longer-in-the-suite", outcome="crash")
run["results"].append(gone)
json.dump(run, open(sys.argv[2], "w"))
PY

"$jwtconf" run --rerun-failed "$work/earlier.json" --report-dir "$work/rerun" \
  >/dev/null 2>"$work/rerun.err"
code=$?
[ "$code" = 0 ] || fail "rerun exited $code"
grep -q "no longer in the suite, skipped: no-longer-in-the-suite" \
  "$work/rerun.err" || fail "no warning about the missing id"
ids=$(/usr/bin/python3 -c 'import json,sys
print(" ".join(v["id"] for v in json.load(open(sys.argv[1]))["results"]))' \
  "$work/rerun/results.json")
[ "$ids" = "exp-one-hour-ago exp-as-string" ] || fail "reran '$ids'"

# Nothing failed: nothing to run, and an earlier report is left alone.
"$jwtconf" run --rerun-failed "$work/first/results.json" \
  --report-dir "$work/first" >/dev/null 2>"$work/none.err"
code=$?
[ "$code" = 0 ] || fail "rerun of a passing report exited $code"
grep -q "nothing to rerun" "$work/none.err" || fail "no 'nothing to rerun'"
grep -q '"total": 4' "$work/first/results.json" || fail "report overwritten"

# Bad reports: usage errors naming the file.
echo '{"format": "jwtconf-results/1"' >"$work/broken.json"
for report in "$work/absent.json" "$work/broken.json"; do
  "$jwtconf" run --rerun-failed "$report" --report-dir "$work/bad" \
    >/dev/null 2>"$work/bad.err"
  code=$?
  [ "$code" = 2 ] || fail "$report: exit $code (want 2)"
  grep -q -- "--rerun-failed: $report" "$work/bad.err" ||
    fail "$report: $(cat "$work/bad.err")"
done

[ "$failures" = 0 ] && echo "ok: rerun-failed"
exit $((failures > 0))
