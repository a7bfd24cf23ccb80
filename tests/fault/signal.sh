#!/bin/sh
# signal.sh <tvp-bench> <INT|TERM>: the signal reaches a running benchmark (sent once a process peer
# has reported entering its timed loop, see wait_marked_peer in fault_lib.sh); tvp-bench
# must end within 10 s, by that signal (the default action: nothing to flush, and the bench-json
# target treats a death by signal as "no report"), and leave no process and no /dev/shm object.
set -u
bench=$1 sig=$2
. "$(dirname "$0")/fault_lib.sh"
fault_setup
# Background jobs of a non-interactive shell start with SIGINT ignored: restore the default.
# shellcheck disable=SC2086
env --default-signal=INT TVP_TEST_MARKER_DIR="$markers" "$bench" $FAULT_LONG_BATCHES --tvp_sizes=64 \
  "--benchmark_filter=^(latency|throughput)/(pipe|shm_mq)/process/cross_core/64/" \
  "--benchmark_out=$marker" >"$work/out" 2>"$work/err" &
pid=$!
wait_marked_peer "$pid" 60 >/dev/null || {
  kill -9 "$pid" 2>/dev/null
  die "no peer of tvp-bench reported its timed loop within 60 s"
}
kill -s "$sig" "$pid"
wait_gone "$pid" 10
case $sig in INT) want=130 ;; TERM) want=143 ;; *) die "unknown signal $sig" ;; esac
[ "$rc" = "$want" ] || die "expected death by SIG$sig (status $want), got $rc"
fault_check_clean "$pid"
echo "$0: ok: SIG$sig ended tvp-bench (status $rc)"
