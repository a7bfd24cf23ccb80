#!/bin/sh
# Performance gate: runs a quick subset of tvp-bench with repetitions and compares it against a
# baseline report with tvp-compare. Exit code = tvp-compare's (0 ok, 1 regression, 2 bad input).
#
#   scripts/perf-check.sh BASELINE.json [tvp-compare args...]   run, then compare
#   scripts/perf-check.sh --record OUT.json                      run and keep the report (a baseline)
#
# Exit code: tvp-compare's, except 1 when tvp-bench itself failed but its partial report compared clean.
#
# Environment (all optional):
#   TVP_BENCH          tvp-bench binary            (default: build/bench/tvp-bench)
#   TVP_COMPARE        tvp-compare binary          (default: build/tools/compare/tvp-compare)
#   TVP_PERF_FILTER    --benchmark_filter regex    (default: the cache-line floor + the 8-byte
#                                                   cross-core latency of four transports, both
#                                                   models: 8 benchmarks of the --quick matrix)
#   TVP_PERF_REPS      repetitions per benchmark   (default 5: the fewest at which a 5-vs-5 exact
#                                                   Mann-Whitney test can reach p < 0.05 comfortably)
#   TVP_PERF_MIN_TIME  --benchmark_min_time, a bare number of seconds (default 0.05)
#   TVP_PERF_OUT       keep the current run's JSON at this path instead of a temporary file
#   TVP_PERF_CONFIRM   1 (default): after a REGRESSION run the subset once more and fail
#                      only on benchmarks flagged both times; 0: the first comparison decides
#   TVP_BENCH_ARGS     extra tvp-bench flags, e.g. --tvp_test_slowdown=pipe:10000 (test builds)
# On a shared or busy machine compare `--metric p50_ns`: the per-repetition median round trip
# ignores the preemption spikes that dominate the mean (real_time) there.
# Repetitions are interleaved at random so a burst of machine noise spreads over all benchmarks
# instead of landing on one.
set -eu
TVP_SCRIPT=perf-check.sh
TVP_ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
die() { code=$1; shift; printf '%s: %s\n' "$TVP_SCRIPT" "$*" >&2; exit "$code"; }

usage="usage: scripts/perf-check.sh BASELINE.json [tvp-compare args...] | --record OUT.json"
[ $# -ge 1 ] || die 2 "$usage"
record=""
baseline=""
case $1 in
  -h|--help) echo "$usage"; exit 0 ;;
  --record) [ $# -eq 2 ] || die 2 "$usage"; record=$2 ;;
  -*) die 2 "$usage" ;;
  *) baseline=$1; [ -f "$baseline" ] || die 2 "$baseline: no such file" ;;
esac
shift

bench=${TVP_BENCH:-$TVP_ROOT/build/bench/tvp-bench}
compare=${TVP_COMPARE:-$TVP_ROOT/build/tools/compare/tvp-compare}
filter=${TVP_PERF_FILTER:-'^(floor/cacheline/thread/cross_core/|latency/(pipe|unix_stream|shm_ring|sharedptr_mutex)/(thread|process)/cross_core/8/)'}
reps=${TVP_PERF_REPS:-5}
min_time=${TVP_PERF_MIN_TIME:-0.05}
[ -x "$bench" ] || die 2 "$bench: not built (cmake --build build --target tvp-bench)"
[ -n "$record" ] || [ -x "$compare" ] || die 2 "$compare: not built (cmake --build build --target tvp-compare)"

work=$(mktemp -d "${TMPDIR:-/tmp}/tvp-perf-check.XXXXXX") || die 2 "cannot create a temporary folder"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
if [ -n "$record" ]; then
  out=$record
else
  out=${TVP_PERF_OUT:-$work/current.json}
fi

# run_bench FILTER OUT: one interleaved, repeated run; sets bench_status when tvp-bench fails.
run_bench() {
  # TVP_BENCH_ARGS is split on spaces on purpose: it holds flags, not file names.
  # shellcheck disable=SC2086
  # Paired cells (latency/) run exactly $reps rounds, so both sides of the gate have as many.
  "$bench" --quick --benchmark_filter="$1" --benchmark_repetitions="$reps" \
    --tvp_min_rounds="$reps" --tvp_max_rounds="$reps" \
    --benchmark_enable_random_interleaving=true --benchmark_min_time="$min_time" \
    --benchmark_out="$2" --benchmark_out_format=json ${TVP_BENCH_ARGS:-} >&2 || bench_status=$?
  [ -s "$2" ] || die 2 "tvp-bench wrote no report to $2 (exit ${bench_status:-0})"
}

bench_status=""
run_bench "$filter" "$out"
if [ -n "$record" ]; then
  [ -z "$bench_status" ] || die 1 "tvp-bench exited $bench_status; $out is not a usable baseline"
  exit 0
fi

status=0
"$compare" "$baseline" "$out" "$@" >"$work/table" 2>"$work/error" || status=$?
# A run-to-run shift on a shared machine can pass the threshold and the test once; a real
# regression survives a second look. So after a REGRESSION the subset is run once more (whole, so a
# --normalize-by reference is there too) and only benchmarks flagged both times fail the gate.
# FAILED benchmarks are not retried: an error is an error.
flagged=$(grep 'REGRESSION' "$work/table" | grep -oE '[a-z0-9_]+(/[a-zA-Z0-9_:.]+){4,}' | sort -u || true)
if [ "$status" = 1 ] && [ "${TVP_PERF_CONFIRM:-1}" = 1 ] && [ -n "$flagged" ] \
  && ! grep -q 'FAILED' "$work/table"; then
  names=$(printf '%s\n' "$flagged" | paste -sd '|' -)
  printf '%s: flagged on the first run: %s; running the subset again to confirm\n' "$TVP_SCRIPT" \
    "$(printf '%s\n' "$flagged" | paste -sd ' ' -)" >&2
  run_bench "$filter" "$work/confirm.json"
  status=0
  "$compare" "$baseline" "$work/confirm.json" "$@" --filter "^($names)\$" || status=$?
else
  cat "$work/table"
  cat "$work/error" >&2
fi
# A bench that failed (e.g. a SkipWithError benchmark) fails the gate even if the rows it did write
# look fine; tvp-compare already exits 1 for the failed rows it can see.
if [ "$status" = 0 ] && [ -n "$bench_status" ]; then
  die 1 "tvp-bench exited $bench_status"
fi
exit "$status"
