#!/bin/sh
# newest_report_test.sh CMAKE TVP_REPORT NEWEST_REPORT_CMAKE OLDER.json NEWER.json
# The `report` target's script picks the newest results/*.json by modification time (not by name),
# skips bench-json's *.trackers.json, writes OUT_DIR/index.html and says where; with no report at all it fails with a clear line.
set -u
cmake=$1 tool=$2 script=$3 older=$4 newer=$5
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir "$tmp/results"
# Names sort the opposite way to their ages, so picking by name would take the wrong one.
cp "$newer" "$tmp/results/a-newer.json"
cp "$older" "$tmp/results/z-older.json"
touch -d '2020-01-01 00:00:00' "$tmp/results/z-older.json"
# bench-json's tracker export is written last, so it is the newest *.json and must be skipped.
cp "$older" "$tmp/results/zz-newest.trackers.json"
"$cmake" -DTVP_REPORT="$tool" -DRESULTS_DIR="$tmp/results" -DOUT_DIR="$tmp/results/report" \
  -P "$script" >"$tmp/log" 2>&1 || fail "script failed: $(cat "$tmp/log")"
cat "$tmp/log"
grep -q "report: open $tmp/results/report/index.html" "$tmp/log" || fail "does not print where the page is"
[ -s "$tmp/results/report/index.html" ] || fail "no index.html"
grep -q "a-newer.json" "$tmp/results/report/summary.md" || fail "did not use the newest report"
grep -q "z-older.json" "$tmp/results/report/summary.md" && fail "used the older report too"
grep -q "trackers.json" "$tmp/results/report/summary.md" && fail "used the tracker export"

mkdir "$tmp/empty"
"$cmake" -DTVP_REPORT="$tool" -DRESULTS_DIR="$tmp/empty" -DOUT_DIR="$tmp/empty/report" \
  -P "$script" >"$tmp/log" 2>&1 && fail "succeeded without any report"
grep -q "no $tmp/empty/\*.json; run scripts/bench.sh first" "$tmp/log" || fail "unclear message: $(cat "$tmp/log")"
echo "PASS"
