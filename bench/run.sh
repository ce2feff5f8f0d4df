#!/usr/bin/env bash
# One command for the benchmark table (issue 6): builds the benchmark, mints
# one key and token per algorithm, measures raw OpenSSL, the reference,
# libjwt, fast-jwt, jose and PyJWT on those same tokens pinned to one CPU,
# prints the table and the reference's memory with 1000 cached keys.
#
#   bench/run.sh [--quick] [--build-dir DIR]
#
# --quick shortens every measurement (for a smoke test; numbers are rough).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-bench"
min_time=0.5 repetitions=3 warmup_s=1 measure_s=2
while (($#)); do
  case "$1" in
    --quick) min_time=0.1 repetitions=1 warmup_s=0.2 measure_s=0.5 ;;
    --build-dir) build="$2"; shift ;;
    *) echo "usage: bench/run.sh [--quick] [--build-dir DIR]" >&2; exit 2 ;;
  esac
  shift
done

# --- build ------------------------------------------------------------------
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target jwtconf_bench jwtconf_bench_memory \
  -j"$(nproc)" >/dev/null
bench="$build/bench/jwtconf_bench"
[[ -x "$bench" ]] || { echo "jwtconf_bench not built (is libbenchmark-dev installed?)" >&2; exit 3; }

peers="$root/bench/peers"
if command -v npm >/dev/null && [[ ! -d "$peers/node_modules" ]]; then
  (cd "$peers" && npm ci --no-audit --no-fund >/dev/null)
fi

# --- measure ------------------------------------------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One CPU for every implementation, so no library gets a second core.
cpu=$(($(nproc) - 1))
pin=()
command -v taskset >/dev/null && pin=(taskset -c "$cpu")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" --write-fixtures "$work/fixtures" >/dev/null

"${pin[@]}" "$bench" --fixtures "$work/fixtures" \
  --benchmark_min_time="$min_time" \
  --benchmark_repetitions="$repetitions" \
  --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="$work/bench.json" --benchmark_out_format=json \
  >"$work/bench.log" 2>&1 || { cat "$work/bench.log" >&2; exit 1; }

: >"$work/peers.jsonl"
if command -v node >/dev/null && [[ -d "$peers/node_modules" ]]; then
  "${pin[@]}" node "$peers/node_bench.mjs" "$work/fixtures" \
    --warmup-s "$warmup_s" --measure-s "$measure_s" >>"$work/peers.jsonl"
fi
if /usr/bin/python3 -c 'import jwt' 2>/dev/null; then
  "${pin[@]}" /usr/bin/python3 "$peers/pyjwt_bench.py" "$work/fixtures" \
    --warmup-s "$warmup_s" --measure-s "$measure_s" >>"$work/peers.jsonl"
fi

/usr/bin/python3 "$root/bench/report_table.py" "$work/bench.json" "$work/peers.jsonl"
echo
echo "memory (reference verifier, 100 issuers):"
"$build/bench/jwtconf_bench_memory"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
