#!/bin/sh
# Measures the in-job A/B gate's power on this machine (issue #13; not part of CI's default run):
#   - A/A: RUNS_AA runs of `perf-check.sh --against` with the same build on both sides; a run that
#     flags anything is a false alarm of the whole subset.
#   - injected slowdowns: for each P in PERCENTS and each transport T in TRANSPORTS, RUNS runs with
#     the candidate alone slowed by --tvp_test_slowdown=T:P% (P% of the cell's own round trip);
#     a run detects it when T's 8-byte cross-core rows are flagged REGRESSION.
# Prints a Markdown table (and keeps every verdict under OUT_DIR); --table prints it again from the
# verdicts kept in one or more such folders (runs of one configuration split over several sittings).
#
#   scripts/power-curve.sh [OUT_DIR]
#   scripts/power-curve.sh --table DIR...
# Environment: RUNS_AA (default 20), RUNS (10), PERCENTS ("2 3 5 10"), TRANSPORTS (quick + perf_gate rows),
# plus everything perf-check.sh reads (TVP_BENCH, TVP_AB, TVP_PERF_ROUNDS...). Both sides use the
# working tree's build (TVP_BASE_BENCH = TVP_BENCH): what is measured is the gate, not a change.
set -eu
TVP_SCRIPT=power-curve.sh
TVP_ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
die() { code=$1; shift; printf '%s: %s\n' "$TVP_SCRIPT" "$*" >&2; exit "$code"; }
table_only=0
case ${1:-} in
  -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --table) shift; table_only=1; [ $# -gt 0 ] || die 2 "--table needs the folders of a run" ;;
  -*) die 2 "unknown flag '$1' (usage: scripts/power-curve.sh [OUT_DIR] | --table DIR...)" ;;
esac

if [ "$table_only" = 0 ]; then
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
fi

# gate NAME ARGS: one perf-check --against run; its table goes to $out/NAME.txt, its wall time to
# $out/NAME.secs. Never fails the script: the exit code is the data.
gate() {
  start=$(date +%s)
  rc=0
  TVP_BENCH_ARGS="$2" sh "$TVP_ROOT/scripts/perf-check.sh" --against >"$out/$1.txt" 2>"$out/$1.err" || rc=$?
  echo $(($(date +%s) - start)) >"$out/$1.secs"
  echo "$rc" >"$out/$1.rc"
}

# table DIR...: the Markdown table from the verdicts saved in DIR(s): aa-N.txt (A/A runs) and
# T-P-N.txt (T slowed by P%). A run detects the slowdown when every one of T's rows is flagged
# REGRESSION; "measured" is the median change the gate saw on T's rows (what the knob really did).
table() {
  echo "| injected into the candidate | runs | detected (all of T's rows flagged) | T's rows flagged | measured change of T's rows (median) | other benchmarks flagged | gate run (median) |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  aa=$(ls "$@" 2>/dev/null | grep -cE '^aa-[0-9]+\.txt$' || true)
  if [ "$aa" -gt 0 ]; then
    alarms=0
    for d in "$@"; do
      for f in "$d"/aa-*.txt; do
        [ -e "$f" ] || continue
        awk '$NF == "REGRESSION" && $1 ~ /\//' "$f" | grep -q . && alarms=$((alarms + 1))
      done
    done
    echo "| nothing (A/A, whole subset) | $aa | false alarms: $alarms | - | - | - | $(median_secs aa "$@") s |"
  fi
  for key in $(for d in "$@"; do ls "$d"; done | sed -n 's/^\(.*-[0-9.]*\)-[0-9]*\.txt$/\1/p' | grep -v '^aa$' | sort -u | sort -t- -k1,1 -k2,2n); do
    t=${key%-*}
    p=${key##*-}
    runs=0 hit=0 rows=0 flagged=0 other=0
    changes=$(mktemp)
    for d in "$@"; do
      for f in "$d/$key"-*.txt; do
        [ -e "$f" ] || continue
        runs=$((runs + 1))
        r=$(grep -c "^latency/$t/" "$f" || true)
        g=$(awk -v t="latency/$t/" 'index($1, t) == 1 && $NF == "REGRESSION"' "$f" | wc -l)
        rows=$((rows + r))
        flagged=$((flagged + g))
        [ "$r" -gt 0 ] && [ "$g" = "$r" ] && hit=$((hit + 1))
        # Other benchmarks flagged: rows (a name with a slash) whose verdict is REGRESSION; not
        # the summary line ("2 REGRESSION, 6 inconclusive").
        other=$((other + $(awk -v t="latency/$t/" '$NF == "REGRESSION" && index($1, t) != 1 && $1 ~ /\//' "$f" | wc -l)))
        awk -v t="latency/$t/" 'index($1, t) == 1 && $3 ~ /%$/ { sub(/%$/, "", $3); print $3 + 0 }' "$f" >>"$changes"
      done
    done
    measured=$(sort -n "$changes" | awk '{ a[NR] = $1 } END { if (NR) printf "%+.1f%%", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
    rm -f "$changes"
    echo "| $t +$p% (8 B, cross_core, both models) | $runs | $hit | $flagged of $rows | $measured | $other | $(median_secs "$key" "$@") s |"
  done
}

# median_secs PREFIX DIR...: the median wall time of the gate runs PREFIX-N.
median_secs() {
  prefix=$1
  shift
  for d in "$@"; do cat "$d/$prefix"-*.secs 2>/dev/null || true; done |
    sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)]; else print "?" }'
}

if [ "$table_only" = 1 ]; then
  table "$@"
  exit 0
fi

i=1
while [ "$i" -le "$runs_aa" ]; do
  gate "aa-$i" ""
  printf '%s: A/A run %s of %s done\n' "$TVP_SCRIPT" "$i" "$runs_aa" >&2
  i=$((i + 1))
done
for t in $transports; do
  for p in $percents; do
    i=1
    while [ "$i" -le "$runs" ]; do
      gate "$t-$p-$i" "--tvp_test_slowdown=$t:$p%"
      i=$((i + 1))
    done
    printf '%s: %s +%s%%: %s runs done\n' "$TVP_SCRIPT" "$t" "$p" "$runs" >&2
  done
done
table "$out" >"$out/table.md"
echo "" >>"$out/table.md"
echo "$(head -1 "$out"/aa-1.txt 2>/dev/null | grep -oE '[0-9]+ alternating rounds' || echo '? rounds') per gate run (both builds' tvp-bench alternating)." >>"$out/table.md"
cat "$out/table.md"
