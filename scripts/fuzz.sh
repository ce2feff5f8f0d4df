#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang, ASan+UBSan) in their own build
# folder and runs each for a bounded time. Prints executions per target and
# exits 1 when any target found a crash, leak, UB, timeout or OOM.
#
#   scripts/fuzz.sh [--seconds 30] [--build-dir build-fuzz]
#                   [--jwtconf build/harness/jwtconf] [--vectors vectors]
#                   [--targets "a b"]
#
# Seeds: fuzz/seeds/<target>/ (committed) plus a corpus made from the vectors
# (`jwtconf vectors export`, fuzz/make_corpus.py). The corpus a run grows is
# kept in <build-dir>/corpus/<target>/ for the next run; findings go to
# <build-dir>/findings/<time>/. Long runs: fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=30
build_dir=build-fuzz
jwtconf=build/harness/jwtconf
vectors=$root/vectors
targets="base64url compact_jws claims jwk_set discovery verify_token"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --jwtconf) jwtconf=$2; shift 2 ;;
    --vectors) vectors=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "fuzz.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$seconds" in
  ''|*[!0-9]*|0) echo "fuzz.sh: --seconds needs a positive integer" >&2; exit 2 ;;
esac

# --- Build: clang, instrumented, fuzz targets only. -------------------------
mkdir -p "$build_dir"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DJWTCONF_FUZZ=ON >"$build_dir/configure.log" 2>&1 ||
  { cat "$build_dir/configure.log" >&2; exit 2; }
cmake --build "$build_dir" --target fuzzers -j"$(nproc)"

# --- Seeds from the vectors (fresh keys on every export). -------------------
seeds=$build_dir/seeds-from-vectors
rm -rf "$seeds"
mkdir -p "$seeds"
# Without them (no jwtconf, or an export that fails: ctest's
# vectors.export_roundtrip tests that) the committed seeds still run.
if [ ! -x "$jwtconf" ]; then
  echo "fuzz.sh: no $jwtconf (build the project or pass --jwtconf);" \
       "running on the committed seeds only" >&2
elif ! "$jwtconf" vectors export --vectors "$vectors" \
         --out "$seeds/export.json" >/dev/null; then
  echo "fuzz.sh: vectors export failed; running on the committed seeds only" >&2
else
  python3 fuzz/make_corpus.py --export "$seeds/export.json" \
    --vectors "$vectors" --out "$seeds"
  # verify_token: the keys that signed the exported tokens.
  JWTCONF_FUZZ_JWKS=$(realpath "$seeds/verify_token.jwks.json")
  export JWTCONF_FUZZ_JWKS
fi

# --- Run each target. -------------------------------------------------------
# The largest input worth mutating: tokens up to the verifier's 16 KiB limit
# and a little past it; JSON documents a bit larger.
max_len_for() {
  case "$1" in
    jwk_set|discovery) echo 65536 ;;
    *) echo 20000 ;;
  esac
}
dict_for() {
  case "$1" in
    claims|jwk_set|discovery) echo fuzz/dict/json.dict ;;
    *) echo fuzz/dict/token.dict ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
findings=$build_dir/findings/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$findings"
failed=0
passed_targets=0
failed_targets=0
summary=""
for target in $targets; do
  binary=$build_dir/fuzz/fuzz_$target
  corpus=$build_dir/corpus/$target
  log=$build_dir/logs/$target.log
  mkdir -p "$corpus" "$(dirname "$log")"
  [ -x "$binary" ] || { echo "fuzz.sh: unknown target $target" >&2; exit 2; }
  extra=()
  [ -d "$seeds/$target" ] && extra+=("$seeds/$target")

  status=0
  # The outer timeout only guards against a hung fuzzer process.
  timeout $((seconds + 120)) "$binary" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len="$(max_len_for "$target")" -dict="$(dict_for "$target")" \
    -print_final_stats=1 -artifact_prefix="$findings/$target-" \
    "$corpus" "fuzz/seeds/$target" "${extra[@]}" >"$log" 2>&1 || status=$?

  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  found=$(find "$findings" -name "$target-*" | wc -l)
  if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
    result="FINDING (exit $status, $found artifact(s), log $log)"
    failed=1
    failed_targets=$((failed_targets + 1))
    grep -m1 -E "ERROR: |runtime error|SUMMARY" "$log" >&2 || tail -5 "$log" >&2
  else
    result="nothing found"
    passed_targets=$((passed_targets + 1))
  fi
  line=$(printf '%-14s %12s execs  corpus %6s  %s' "$target" "${execs:-?}" \
    "$(find "$corpus" -type f | wc -l)" "$result")
  echo "$line"
  summary+="$line"$'\n'
done

echo
echo "fuzzing, ${seconds}s per target (reproduce: $build_dir/fuzz/fuzz_TARGET FILE;"
echo "verify_token with JWTCONF_FUZZ_JWKS=${JWTCONF_FUZZ_JWKS:-unset}):"
printf '%s' "$summary"
echo "fuzz: $passed_targets passed, $failed_targets failed"
exit "$failed"
