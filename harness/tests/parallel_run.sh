#!/usr/bin/env bash
# `jwtconf run --jobs N` runs vectors side by side and must come to the same
# result as one worker: the same vectors in the same (suite) order, with the
# same outcome, verdicts and reason codes per step. Also: bad
# --jobs values are usage errors.
# Usage: parallel_run.sh JWTCONF WORK_DIR [RUN_ARGS...]
set -u
jwtconf=$1
work=$2
shift 2
rm -rf "$work"
mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for jobs in 1 2 3; do
  "$jwtconf" run --jobs "$jobs" "$@" --report-dir "$work/jobs-$jobs" \
    >"$work/jobs-$jobs.out" 2>&1 || fail "--jobs $jobs exited $?"
done

# What a run decided per vector, without timings, ports or free text.
# TODO(harness): compare fetch counts too; fault-discovery-404-then-recovers
# counts one discovery request more in a whole --jobs 1 run than alone.
/usr/bin/python3 - "$work" <<'PY' || fail "runs differ"
import json, sys
work = sys.argv[1]

def decisions(jobs):
    run = json.load(open(f"{work}/jobs-{jobs}/results.json"))
    assert not run["partial"], f"--jobs {jobs}: partial report"
    def step_decision(step):
        observed = step.get("observed") or {}
        return (step["outcome"], observed.get("verdict"),
                observed.get("reason"))
    return [(vector["id"], vector["outcome"],
             [step_decision(step) for step in vector["steps"]])
            for vector in run["results"]]

one = decisions(1)
assert len(one) > 100, f"only {len(one)} vectors ran"
for jobs in (2, 3):
    other = decisions(jobs)
    assert [v[0] for v in other] == [v[0] for v in one], \
        f"--jobs {jobs}: vectors missing or out of suite order"
    for a, b in zip(one, other):
        assert a == b, f"--jobs {jobs} differs from --jobs 1:\n{a}\n{b}"
print(f"ok: {len(one)} vectors decided alike with --jobs 1, 2 and 3")
PY

for bad in -1 x 33; do
  "$jwtconf" run --jobs "$bad" --report-dir "$work/bad" >/dev/null 2>&1
  code=$?
  [ "$code" = 2 ] || fail "--jobs $bad: exit $code (want 2)"
done

[ "$failures" = 0 ] && echo "ok: parallel run"
