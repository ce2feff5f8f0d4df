#!/usr/bin/env bash
# Runs `jwtconf run` and checks the exit code and the JSON report.
# Usage: run_suite.sh ALLOWED_EXIT_CODES REPORT_DIR -- JWTCONF_BINARY ARGS...
# ALLOWED_EXIT_CODES is a comma list, e.g. "0" or "0,1" (findings allowed).
set -u
allowed=$1
report_dir=$2
shift 3
rm -rf "$report_dir"
"$@" --report-dir "$report_dir"
code=$?
if [[ ",$allowed," != *",$code,"* ]]; then
  echo "run exited $code, allowed: $allowed"
  exit 1
fi
for file in results.json junit.xml report.md; do
  if [ ! -s "$report_dir/$file" ]; then
    echo "missing report $report_dir/$file"
    exit 1
  fi
done
# Every vector has an outcome and the run is complete.
if ! grep -q '"partial": false' "$report_dir/results.json"; then
  echo "report is partial"
  exit 1
fi
echo "run exited $code; reports in $report_dir"
