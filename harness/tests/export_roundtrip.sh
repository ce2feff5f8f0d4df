#!/usr/bin/env bash
# Exports the vectors, runs the export through the reference verifier, and
# validates it against its schema.
# Usage: export_roundtrip.sh JWTCONF_BINARY WORK_DIR
set -u
jwtconf=$1
work=$2
here=$(dirname "$0")
rm -rf "$work" && mkdir -p "$work"
export_file=$work/jwtconf_export.json

"$jwtconf" vectors export --format json --out "$export_file" || exit 1
"$jwtconf" vectors run-export "$export_file" || exit 1
python3 "$here/validate_export_schema.py" \
  "$here/../../vectors/schema/jwtconf_export.schema.json" "$export_file"
