#!/bin/sh
# Performance gate. Two modes:
#
#   scripts/perf-check.sh --against [REV] [tvp-ab args...]      in-job A/B (the gate to use)
#   scripts/perf-check.sh BASELINE.json [tvp-compare args...]   against a stored report (a history)
#   scripts/perf-check.sh --record OUT.json                      run and keep the report (a baseline)
#
# --against: builds REV (default: the merge base of HEAD with main) in its own folder, cached under
# .perf-check/<commit>/, and runs the same quick subset with the baseline's tvp-bench and the working
# tree's (build/bench/tvp-bench) in alternating rounds on this machine: each round runs both, in
# random order, the next round in the other order (A B | B A ...). tvp-ab pairs the rounds: per
# benchmark the geometric mean of candidate ÷ baseline with its 95% interval, a t-test, Holm's
# correction over the subset, a minimum effect (3%). Verdicts: regression, improvement, unchanged,
# inconclusive. A drifting machine hits both builds alike, which is why this gate holds across days
# where a stored baseline does not (measured: 3 of 3 runs failed a day after recording one).
# Exit code: tvp-ab's (0 ok, 1 regression or failed benchmark, 2 bad input).
#
# BASELINE.json: compares one fresh run with a stored report (tvp-compare, Mann-Whitney per
# benchmark). Absolute times do not carry from one day to the next on a shared VM: keep it as a
# history of a machine, not as a gate. Exit code: tvp-compare's, except 1 when tvp-bench itself
# failed but its partial report compared clean.
#
# Environment (all optional):
#   TVP_BENCH          tvp-bench binary (candidate) (default: build/bench/tvp-bench)
#   TVP_COMPARE        tvp-compare binary          (default: build/tools/compare/tvp-compare)
#   TVP_AB             tvp-ab binary               (default: build/tools/compare/tvp-ab)
#   TVP_PERF_FILTER    --benchmark_filter regex    (default: the cache-line floor + the 8-byte
#                                                   cross-core latency of the transports marked
#                                                   perf_gate in the registry, both models)
#   TVP_PERF_REPS      repetitions (paired rounds) per benchmark and run (default 5; --against: 3)
#   TVP_PERF_MIN_TIME  --benchmark_min_time, a bare number of seconds (default 0.05)
#   TVP_PERF_OUT       keep the current run's JSON at this path instead of a temporary file
#   TVP_PERF_CONFIRM   1 (default): after a REGRESSION run the subset once more and fail
#                      only on benchmarks flagged both times; 0: the first comparison decides
#   TVP_PERF_ROUNDS    --against: alternating rounds (default 30: ~40 s on the 2-vCPU VM)
#   TVP_PERF_CACHE     --against: where baseline builds are kept (default .perf-check)
#   TVP_BASE_BENCH     --against: a baseline tvp-bench to use instead of building REV
#   TVP_BENCH_ARGS     extra tvp-bench flags; with --against for the candidate only, e.g.
#                      TVP_BENCH_ARGS=--tvp_test_slowdown=pipe:10% (test builds)
#   TVP_BASE_ARGS      --against: extra tvp-bench flags for the baseline only
# On a shared or busy machine compare `--metric p50_ns` in the stored-baseline mode: the
# per-repetition median round trip ignores the preemption spikes that dominate the mean there.
# Repetitions are interleaved at random so a burst of machine noise spreads over all benchmarks
# instead of landing on one.
set -eu
TVP_SCRIPT=perf-check.sh
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
TVP_ROOT=$(CDPATH='' cd -- "$here/.." && pwd)
# Installed (cmake --install): the tools sit beside this script. In a clone: build/.
if [ -x "$here/tvp-bench" ]; then tools_dir=$here; else tools_dir=""; fi
die() { code=$1; shift; printf '%s: %s\n' "$TVP_SCRIPT" "$*" >&2; exit "$code"; }

usage="usage: scripts/perf-check.sh --against [REV] [tvp-ab args...] | BASELINE.json [tvp-compare args...] | --record OUT.json"
[ $# -ge 1 ] || die 2 "$usage"
record=""
baseline=""
against=""
case $1 in
  -h|--help) printf '%s\n' "$usage" \
    "  --against [REV]   in-job A/B against REV (default: the merge base with main), tvp-ab decides" \
    "  --record OUT.json run the subset and keep the report (a stored baseline)"; exit 0 ;;
  --record) [ $# -eq 2 ] || die 2 "$usage"; record=$2 ;;
  --against)
    against=default
    if [ $# -ge 2 ]; then
      case $2 in -*) ;; *) against=$2; shift ;; esac
    fi ;;
  -*) die 2 "$usage" ;;
  *) baseline=$1; [ -f "$baseline" ] || die 2 "$baseline: no such file" ;;
esac
shift

bench=${TVP_BENCH:-${tools_dir:-$TVP_ROOT/build/bench}/tvp-bench}
compare=${TVP_COMPARE:-${tools_dir:-$TVP_ROOT/build/tools/compare}/tvp-compare}
if [ -n "$against" ]; then reps=${TVP_PERF_REPS:-3}; else reps=${TVP_PERF_REPS:-5}; fi
case $reps in ''|*[!0-9]*|0) die 2 "TVP_PERF_REPS=$reps: not a positive whole number" ;; esac
min_time=${TVP_PERF_MIN_TIME:-0.05}
[ -x "$bench" ] || die 2 "$bench: not built (cmake --build build --target tvp-bench)"
[ -n "$record" ] || [ -n "$against" ] || [ -x "$compare" ] \
  || die 2 "$compare: not built (cmake --build build --target tvp-compare)"
# The gate's transports are the registry rows marked perf_gate, asked of the candidate tvp-bench
# (never named here); the baseline of --against runs the same filter.
if [ -z "${TVP_PERF_FILTER:-}" ]; then
  gate=$("$bench" --tvp_list_transports=perf_gate | paste -sd '|' -) ||
    die 2 "$bench --tvp_list_transports=perf_gate failed"
  [ -n "$gate" ] || die 2 "no transport is marked perf_gate in the registry"
fi
filter=${TVP_PERF_FILTER:-"^(floor/cacheline/thread/cross_core/|latency/($gate)/(thread|process)/cross_core/8/)"}

work=$(mktemp -d "${TMPDIR:-/tmp}/tvp-perf-check.XXXXXX") || die 2 "cannot create a temporary folder"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
if [ -n "$record" ]; then
  out=$record
else
  out=${TVP_PERF_OUT:-$work/current.json}
fi

# run_with BIN FILTER OUT ARGS: one interleaved, repeated run of the subset; sets bench_status when
# tvp-bench fails. ARGS is split on spaces on purpose: it holds flags, not file names.
run_with() {
  # Paired cells (latency/) run exactly $reps rounds, so both sides of the gate have as many.
  # shellcheck disable=SC2086
  "$1" --quick --benchmark_filter="$2" --benchmark_repetitions="$reps" \
    --tvp_min_rounds="$reps" --tvp_max_rounds="$reps" \
    --benchmark_enable_random_interleaving=true --benchmark_min_time="$min_time" \
    --benchmark_out="$3" --benchmark_out_format=json $4 >&2 || bench_status=$?
  [ -s "$3" ] || die 2 "$1 wrote no report to $3 (exit ${bench_status:-0})"
}
run_bench() { run_with "$bench" "$1" "$2" "${TVP_BENCH_ARGS:-}"; }

if [ -n "$against" ]; then
  . "$here/perf_ab.sh"
  exit $?
fi

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
