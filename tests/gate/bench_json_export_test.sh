#!/bin/sh
# bench_json_export_test.sh CMAKE BENCH_JSON_CMAKE TVP_EXPORT REPORT_WITH_NAN.json
# bench-json (bench/bench_json.cmake) writes <report>.trackers.json beside the report, keeps its own
# exit codes (0 ok; failure for tvp-bench exit 1 with the report kept; no report for a crash), and
# a failing export is only a warning. tvp-bench is replaced by a script that copies a fixture.
set -u
cmake=$1 script=$2 export_tool=$3 fixture=$4
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$tmp/log" ] && cat "$tmp/log" >&2; exit 1; }

cat >"$tmp/fake-bench" <<'SH'
#!/bin/sh
for arg in "$@"; do
  case $arg in --benchmark_out=*) cp "$FAKE_REPORT" "${arg#--benchmark_out=}" ;; esac
done
exit "$FAKE_RC"
SH
chmod +x "$tmp/fake-bench"

# run NAME RC [-DTVP_EXPORT=...]: bench-json into $tmp/NAME with a tvp-bench that exits RC.
run() {
  name=$1 rc=$2
  shift 2
  mkdir "$tmp/$name"
  FAKE_REPORT=$fixture FAKE_RC=$rc "$cmake" -DTVP_BENCH="$tmp/fake-bench" \
    -DRESULTS_DIR="$tmp/$name" "$@" -P "$script" >"$tmp/log" 2>&1
}
one() { set -- "$tmp/$1"/$2; [ $# -eq 1 ] && [ -f "$1" ] && echo "$1"; }

run ok 0 -DTVP_EXPORT="$export_tool" || fail "exit $? for a good run"
report=$(one ok '*[0-9].json') || fail "no report"
trackers=$(one ok '*.trackers.json') || fail "no tracker export"
[ "$trackers" = "${report%.json}.trackers.json" ] || fail "export not named after the report: $trackers"
grep -q NaN "$report" || fail "the fixture has no NaN: this test would prove nothing"
grep -Eq 'NaN|Infinity' "$trackers" && fail "NaN/Infinity in the export"
grep -q '"real_time": 1100.0' "$trackers" || fail "the pipe median is missing from the export"
grep -qx "$trackers" "$tmp/log" || fail "export path not printed"

run failed 1 -DTVP_EXPORT="$export_tool" && fail "tvp-bench exit 1 no longer fails bench-json"
grep -q "some benchmarks failed" "$tmp/log" || fail "message for exit 1 changed"
one failed '*[0-9].json' >/dev/null || fail "report not kept after exit 1"
one failed '*.trackers.json' >/dev/null || fail "no export after exit 1"

run crashed 2 -DTVP_EXPORT="$export_tool" && fail "a crash did not fail bench-json"
[ -z "$(ls "$tmp/crashed")" ] || fail "files left after a crash: $(ls "$tmp/crashed")"

run export_fails 0 -DTVP_EXPORT=/bin/false || fail "a failed export failed the run"
grep -q "bench-json: no tracker export (1)" "$tmp/log" || fail "failed export not warned about"
one export_fails '*[0-9].json' >/dev/null || fail "report lost when the export failed"

run no_export 0 || fail "exit $? without TVP_EXPORT"
[ "$(ls "$tmp/no_export" | wc -l)" -eq 1 ] || fail "without TVP_EXPORT: $(ls "$tmp/no_export")"
echo PASS
