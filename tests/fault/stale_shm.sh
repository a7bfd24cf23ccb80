#!/bin/sh
# stale_shm.sh <tvp-bench>: objects left in /dev/shm by a crashed earlier run whose pid the new run
# reuses ("tvp-mq-<pid>-<n>", garbage inside) must not break it. `exec` keeps the pid, so the
# stale names are exactly the ones the run will use. Every stale object must be gone afterwards.
set -u
bench=$1
. "$(dirname "$0")/fault_lib.sh"
fault_setup
rc=0
sh -c 'for n in 0 1 2 3 4 5 6 7; do echo garbage >/dev/shm/tvp-mq-$$-$n; done; echo $$ >"$1/pid"
       shift; exec "$@"' sh "$work" "$bench" --tvp_batch_ms=1 --tvp_min_rounds=3 --tvp_max_rounds=3 --tvp_sizes=64,65536 \
  "--benchmark_filter=^(latency|throughput)/shm_mq/" "--benchmark_out=$marker" \
  >"$work/out" 2>"$work/err" || rc=$?
cat "$work/err" >&2
# One _mean line per benchmark on the console (the paired families show their aggregates there).
n=$(grep -c -e "^latency/shm_mq/.*_mean " -e "^throughput/shm_mq/.*_mean " "$work/out")
[ "$n" = 24 ] || die "expected 24 shm_mq benchmarks in the output, got $n"
pid=$(cat "$work/pid")
# Names the run did not reach are still ours to remove; it must have reused (and removed) n = 0.
[ ! -e "/dev/shm/tvp-mq-$pid-0" ] || die "stale /dev/shm/tvp-mq-$pid-0 was not replaced"
rm -f /dev/shm/tvp-mq-"$pid"-*
[ "$rc" = 0 ] || die "expected exit 0 despite stale objects, got $rc"
fault_check_clean "$pid"
echo "$0: ok"
