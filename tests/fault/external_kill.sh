#!/bin/sh
# external_kill.sh <tvp-bench> <family> <transport>: starts a long benchmark of a process-model
# peer, SIGKILLs the peer child from outside in the middle of it, and checks that tvp-bench ends
# within 20 s with exit 1 naming the killed peer, leaving no process and no /dev/shm object.
set -u
bench=$1 family=$2 transport=$3
. "$(dirname "$0")/fault_lib.sh"
fault_setup
"$bench" --benchmark_min_time=30 --tvp_sizes=64 \
  "--benchmark_filter=^$family/$transport/process/cross_core/64/" \
  "--benchmark_out=$marker" >"$work/out" 2>"$work/err" &
pid=$!
sleep 1.5  # past the floor measurement, into the benchmark's timed loop
child=$(wait_child "$pid" 10) || die "tvp-bench started no peer within 10 s"
kill -9 "$child"
wait_gone "$pid" 20
cat "$work/err" >&2
[ "$rc" = 1 ] || die "expected exit 1, got $rc"
grep -q "^  $family/$transport/process/cross_core/64/manual_time: peer '$transport [a-z]*' (process $child) killed by signal 9" \
  "$work/err" || die "no error naming the killed peer $child"
fault_check_clean "$pid"
echo "$0: ok: killed $child, tvp-bench exited $rc"
