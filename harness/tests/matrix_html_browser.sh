#!/usr/bin/env bash
# The matrix HTML in a real headless browser: a tiny real matrix (the
# in-process reference over a few vectors, plus a copy of its results with
# hostile text as a second implementation) merged into matrix.html, loaded
# by Chromium from file:// with networking features off. Asserts no console
# messages, no script error marker, no injected element, and as many
# rendered rows as the matrix has vectors.
# Usage: matrix_html_browser.sh JWTCONF WORK_DIR. Exit 77: no chromium.
set -uo pipefail
jwtconf=$1 work=$2

browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "SKIP: chromium missing"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 77; }
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }

# The reference alone (no adapters), over a handful of vectors.
mkdir -p "$work/no-adapters"
"$jwtconf" matrix --adapters "$work/no-adapters" --report-dir "$work/matrix" \
  --filter '^(exp|alg)' >"$work/matrix.log" 2>&1 ||
  fail "jwtconf matrix failed: $(tail -n 5 "$work/matrix.log")"

# A second implementation whose names and details try to break out.
mkdir -p "$work/hostile"
python3 - "$work/matrix/reference/results.json" "$work/hostile/results.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
document["target"] = "launch: x </script><img src=x onerror=alert(1)>"
for result in document["results"][::2]:
    result["outcome"] = "fail"
    for step in result["steps"]:
        step["outcome"] = "fail"
        step["observed"]["detail"] = "</script><script>alert(2)</script>\u2028'\"&"
json.dump(document, open(sys.argv[2], "w"))
PY
"$jwtconf" report merge "$work/merged" "$work/matrix/reference/results.json" \
  "$work/hostile/results.json" >/dev/null 2>"$work/merge.err" &&
  fail "a target name with '/' should need an implementation.json"
cat >"$work/hostile/implementation.json" <<'JSON'
{"name": "hostile<b>", "library": "<i>lib</i>", "versions": "</script>"}
JSON
"$jwtconf" report merge "$work/merged" "$work/matrix/reference/results.json" \
  "$work/hostile/results.json" >/dev/null 2>"$work/merge.err" ||
  fail "report merge failed: $(cat "$work/merge.err")"

expected=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["vectors"]))' \
  "$work/merged/matrix.json")
[ "$expected" -gt 0 ] || fail "empty matrix"

check() {  # check HTML_FILE EXPECTED_ROWS
  local page=$1 rows=$2 profile
  profile=$(mktemp -d "$work/profile.XXXXXX")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --dump-dom "file://$page" >"$page.dom" 2>"$page.stderr"
  local rc=$?
  [ $rc -eq 0 ] || fail "chromium exited $rc on $page: $(tail -n 5 "$page.stderr")"
  if grep -q "CONSOLE" "$page.stderr"; then
    fail "console messages on $page: $(grep CONSOLE "$page.stderr" | head -n 5)"
  fi
  # The marker attribute on <html> (the script's own text names it too).
  grep -q '<html[^>]* data-script-error=' "$page.dom" &&
    fail "script error on $page: $(grep -o '<p id="script-error">[^<]*' "$page.dom")"
  grep -q "data-rendered-rows=\"$rows\"" "$page.dom" ||
    fail "$page: expected data-rendered-rows=\"$rows\", got: $(grep -o 'data-rendered-rows="[0-9]*"' "$page.dom" || echo none)"
  # Elements, not text: attribute values may hold '<' unescaped.
  python3 - "$page.dom" <<'PY' || fail "$page: injected elements in the DOM"
import collections, html.parser, sys
tags = collections.Counter()
class Parser(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        tags[tag] += 1
Parser().feed(open(sys.argv[1], encoding="utf-8").read())
bad = {t: tags[t] for t in ("img", "b", "i", "iframe") if tags[t]}
assert not bad and tags["script"] == 2, (bad, tags["script"])
PY
  # One anchor per cell.
  local cells
  cells=$(grep -o 'id="c-[0-9]*-[0-9]*"' "$page.dom" | wc -l)
  echo "$page: $rows rows, $cells cells"
}
check "$work/matrix/matrix.html" \
  "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["vectors"]))' "$work/matrix/matrix.json")"
check "$work/merged/matrix.html" "$expected"

# A page whose script throws is caught by the test (the marker works).
sed 's/var data = JSON.parse/var data = undefinedFunction() || JSON.parse/' \
  "$work/merged/matrix.html" >"$work/broken.html"
profile=$(mktemp -d "$work/profile.XXXXXX")
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
  --no-first-run --disable-background-networking --disable-component-update \
  --disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0 \
  --dump-dom "file://$work/broken.html" >"$work/broken.dom" 2>"$work/broken.stderr"
grep -q '<html[^>]* data-script-error=' "$work/broken.dom" ||
  fail "a throwing script left no data-script-error marker"
echo "PASS"
