#!/bin/sh
# external_kill.sh <tvp-bench> <family> <transport> <placement> <bytes>: starts a long benchmark of a
# process-model peer, SIGKILLs the peer child from outside once it has reported entering its timed
# loop (TVP_TEST_MARKER_DIR: the peer creates a marker file; no sleep guesses when that is), and
# checks that tvp-bench ends within 20 s with exit 1 naming the killed peer, leaving no process and
# no /dev/shm object. The cell must be one whose comparison forks no other child (no bare twin, no
# cache-line floor: same_core latency above the smallest size, or throughput).
set -u
bench=$1 family=$2 transport=$3 placement=$4 bytes=$5
. "$(dirname "$0")/fault_lib.sh"
fault_setup
# shellcheck disable=SC2086
TVP_TEST_MARKER_DIR=$markers "$bench" $FAULT_LONG_BATCHES --tvp_sizes="8,$bytes" \
  "--benchmark_filter=^$family/$transport/process/$placement/$bytes/" \
  "--benchmark_out=$marker" >"$work/out" 2>"$work/err" &
pid=$!
child=$(kill_marked_peer "$pid" KILL 60) || {
  kill -9 "$pid" 2>/dev/null
  die "no peer of tvp-bench reported its timed loop within 60 s"
}
wait_gone "$pid" 20
cat "$work/err" >&2
[ "$rc" = 1 ] || die "expected exit 1, got $rc"
grep -q "^  $family/$transport/process/$placement/$bytes/manual_time: peer '$transport [a-z]*' (process $child) killed by signal 9" \
  "$work/err" || die "no error naming the killed peer $child"
fault_check_clean "$pid"
echo "$0: ok: killed $child in its timed loop, tvp-bench exited $rc"
