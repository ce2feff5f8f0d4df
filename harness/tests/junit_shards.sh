#!/usr/bin/env bash
# Two shards of the in-process suite: each junit.xml is valid against our
# JUnit XML schema (junit.xsd, checked with xmllint), the shards are
# disjoint, and `report merge` of the two holds exactly a full run's vector
# ids. Usage: junit_shards.sh JWTCONF WORK_DIR XSD. Exit 77: no xmllint or
# no python3.
set -uo pipefail
jwtconf=$1 work=$2 xsd=$3

command -v xmllint >/dev/null || { echo "SKIP: xmllint (libxml2-utils) missing"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 77; }
rm -rf "$work" && mkdir -p "$work"

fail() { echo "FAIL: $*"; exit 1; }

# Exit 0 (all pass) or 1 (findings) both mean the run completed.
run() {
  "$jwtconf" run --report-dir "$@" >/dev/null 2>>"$work/runs.log"
  local rc=$?
  [ "$rc" -le 1 ] || fail "jwtconf run $* exited $rc: $(tail -n 3 "$work/runs.log")"
}
run "$work/shard1" --shard 1/2
run "$work/shard2" --shard 2/2
run "$work/full"

for dir in shard1 shard2 full; do
  xmllint --noout --schema "$xsd" "$work/$dir/junit.xml" 2>"$work/$dir.xmllint" ||
    fail "$dir/junit.xml is not valid JUnit XML: $(head -n 5 "$work/$dir.xmllint")"
done

"$jwtconf" report merge "$work/merged" "$work/shard1/results.json" \
  "$work/shard2/results.json" >/dev/null || fail "report merge failed"
xmllint --noout --schema "$xsd" "$work/merged/junit.xml" 2>/dev/null ||
  fail "merged junit.xml is not valid JUnit XML"

python3 - "$work" <<'PY' || exit 1
import json, sys
work = sys.argv[1]
def load(name):
    with open(f"{work}/{name}/results.json") as f:
        return json.load(f)
def ids(document):
    return [r["id"] for r in document["results"]]
one, two, full, merged = (load(n) for n in ("shard1", "shard2", "full", "merged"))
assert one["shard"] == "1/2" and two["shard"] == "2/2", (one["shard"], two["shard"])
assert not set(ids(one)) & set(ids(two)), "shards overlap"
assert abs(len(ids(one)) - len(ids(two))) <= 1, "shards unbalanced"
assert len(ids(merged)) == len(set(ids(merged))), "merged has duplicates"
assert set(ids(merged)) == set(ids(full)), "merged ids differ from a full run"
assert merged["partial"] is False and merged["shard"] == "", merged["shard"]
print(f"shards {len(ids(one))} + {len(ids(two))} = full {len(ids(full))}")
PY

# The same shard twice is refused with a message naming both files.
if "$jwtconf" report merge "$work/twice" "$work/shard1/results.json" \
     "$work/shard1/results.json" >/dev/null 2>"$work/twice.err"; then
  fail "merging a shard with itself succeeded"
fi
grep -q "given twice" "$work/twice.err" || fail "unclear error: $(cat "$work/twice.err")"
# A missing shard makes the merge partial, and the merge exit 1 (as a run
# that did not test everything).
"$jwtconf" report merge "$work/half" "$work/shard1/results.json" \
  >/dev/null 2>&1
[ $? -eq 1 ] || fail "merging one shard of two did not exit 1"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["partial"]' \
  "$work/half/results.json" || fail "one shard of two is not partial"
# Bad --shard values are usage errors.
for bad in 0/2 3/2 x 1/0; do
  "$jwtconf" run --report-dir "$work/bad" --shard "$bad" >/dev/null 2>&1
  [ $? -eq 2 ] || fail "--shard $bad was not refused with exit 2"
done
echo "PASS"
