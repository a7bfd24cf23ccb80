#!/bin/sh
# Measures the in-job A/B gate's power on this machine (issue #13; not part of CI's default run):
#   - A/A: RUNS_AA runs of `perf-check.sh --against` with the same build on both sides; a run that
#     flags anything is a false alarm of the whole subset.
#   - injected slowdowns: for each P in PERCENTS and each transport T in TRANSPORTS, RUNS runs with
#     the candidate alone slowed by --tvp_test_slowdown=T:P% (P% of the cell's own round trip);
#     a run detects it when T's 8-byte cross-core rows are flagged REGRESSION.
# Prints a Markdown table (and keeps every verdict under OUT_DIR).
#
#   scripts/power-curve.sh [OUT_DIR]
# Environment: RUNS_AA (default 20), RUNS (10), PERCENTS ("2 3 5 10"), TRANSPORTS (quick + perf_gate rows),
# plus everything perf-check.sh reads (TVP_BENCH, TVP_AB, TVP_PERF_ROUNDS...). Both sides use the
# working tree's build (TVP_BASE_BENCH = TVP_BENCH): what is measured is the gate, not a change.
set -eu
TVP_SCRIPT=power-curve.sh
TVP_ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
die() { code=$1; shift; printf '%s: %s\n' "$TVP_SCRIPT" "$*" >&2; exit "$code"; }
case ${1:-} in -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

out=${1:-$TVP_ROOT/results/power-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out" || die 2 "cannot create $out"
bench=${TVP_BENCH:-$TVP_ROOT/build/bench/tvp-bench}
[ -x "$bench" ] || die 2 "$bench: not built"
export TVP_BENCH="$bench" TVP_BASE_BENCH="$bench"
runs_aa=${RUNS_AA:-20}
runs=${RUNS:-10}
percents=${PERCENTS:-2 3 5 10}
# Default: the registry's quick representatives that the gate's subset covers (perf_gate), asked of
# tvp-bench so that no transport is named here (today: pipe and shm_ring).
if [ -z "${TRANSPORTS:-}" ]; then
  "$bench" --tvp_list_transports=perf_gate >"$out/.perf_gate" || die 2 "$bench --tvp_list_transports failed"
  TRANSPORTS=$("$bench" --tvp_list_transports=quick | grep -Fx -f "$out/.perf_gate" | tr '\n' ' ')
  rm -f "$out/.perf_gate"
fi
transports=$TRANSPORTS

# gate NAME ARGS: one perf-check --against run; its table goes to $out/NAME.txt, its wall time to
# $out/NAME.secs. Never fails the script: the exit code is the data.
gate() {
  start=$(date +%s)
  rc=0
  TVP_BENCH_ARGS="$2" sh "$TVP_ROOT/scripts/perf-check.sh" --against >"$out/$1.txt" 2>"$out/$1.err" || rc=$?
  echo $(($(date +%s) - start)) >"$out/$1.secs"
  echo "$rc" >"$out/$1.rc"
}

alarms=0
i=1
while [ "$i" -le "$runs_aa" ]; do
  gate "aa-$i" ""
  grep -q 'REGRESSION' "$out/aa-$i.txt" && alarms=$((alarms + 1))
  printf '%s: A/A run %s of %s: %s false alarm(s) so far\n' "$TVP_SCRIPT" "$i" "$runs_aa" "$alarms" >&2
  i=$((i + 1))
done

{
  echo "| injected into the candidate | runs | detected | other benchmarks flagged |"
  echo "|---|---:|---:|---:|"
  echo "| nothing (A/A, whole subset) | $runs_aa | false alarms: $alarms | - |"
} >"$out/table.md"
for t in $transports; do
  for p in $percents; do
    hit=0
    other=0
    i=1
    while [ "$i" -le "$runs" ]; do
      name="$t-$p-$i"
      gate "$name" "--tvp_test_slowdown=$t:$p%"
      # Detected: every one of T's rows in the subset flagged.
      rows=$(grep -c "^latency/$t/" "$out/$name.txt" || true)
      flagged=$(grep "^latency/$t/" "$out/$name.txt" | grep -c 'REGRESSION' || true)
      [ "$rows" -gt 0 ] && [ "$flagged" = "$rows" ] && hit=$((hit + 1))
      other=$((other + $(grep 'REGRESSION' "$out/$name.txt" | grep -vc "^latency/$t/" || true)))
      i=$((i + 1))
    done
    echo "| $t +$p% (8 B, cross_core, both models) | $runs | $hit | $other |" >>"$out/table.md"
    printf '%s: %s +%s%%: %s of %s detected\n' "$TVP_SCRIPT" "$t" "$p" "$hit" "$runs" >&2
  done
done
secs=$(cat "$out"/*.secs | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "" >>"$out/table.md"
echo "Median wall time of one gate run (both builds, $(cat "$out"/aa-1.txt | head -1 | grep -oE '[0-9]+ alternating rounds' || echo '? rounds')): ${secs} s." >>"$out/table.md"
cat "$out/table.md"
