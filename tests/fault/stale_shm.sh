#!/bin/sh
# stale_shm.sh <tvp-bench>: objects already in /dev/shm under the prefix of the pid a new run gets
# -- left by a crashed earlier run that had the pid ("tvp-mq-<pid>-<n>" as names were before
# 2026-11-30, "tvp-mq-<pid>-<16 hex digits>" now), or planted by someone else -- must neither break
# the run nor be touched by it: tvp creates its objects exclusively under fresh random names and
# only ever removes names it created itself (lib/src/shm/name.hpp). Deleting leftovers is the
# operator's call, not the tool's. `exec` keeps the pid, so the objects sit exactly under the run's
# prefix. Afterwards each must still hold its content and mode; the script then removes them
# itself and checks that the run left nothing of its own.
set -u
bench=$1
. "$(dirname "$0")/fault_lib.sh"
fault_setup
stale="0 1 2 3 0000000000000000 0123456789abcdef ffffffffffffffff"
rc=0
sh -c 'dir=$1 stale=$2
       shift 2
       echo $$ >"$dir/pid"
       for n in $stale; do
         echo garbage >/dev/shm/tvp-mq-$$-$n && chmod 644 /dev/shm/tvp-mq-$$-$n || exit 99
       done
       exec "$@"' sh "$work" "$stale" "$bench" --tvp_batch_ms=1 --tvp_min_rounds=3 --tvp_max_rounds=3 \
  --tvp_sizes=64,65536 "--benchmark_filter=^(latency|throughput)/shm_mq/" \
  "--benchmark_out=$marker" >"$work/out" 2>"$work/err" || rc=$?
pid=$(cat "$work/pid") || die "the run did not start (status $rc)"
trap 'for n in $stale; do rm -f "/dev/shm/tvp-mq-$pid-$n"; done; rm -rf "$work"' EXIT
cat "$work/err" >&2
# One console line per benchmark with its measured value ("[ 3/24  0:01 left] latency/shm_mq/...  41.2 µs").
n=$(grep -cE "left\] (latency|throughput)/shm_mq/[^ ]+  [0-9.]+ " "$work/out" || true)
[ "$n" = 24 ] || die "expected 24 shm_mq benchmarks in the output, got $n"
[ "$rc" = 0 ] || die "expected exit 0 despite stale objects, got $rc"
for n in $stale; do
  f=/dev/shm/tvp-mq-$pid-$n
  [ "$(cat "$f" 2>/dev/null)" = garbage ] || die "$f was changed or removed by the run"
  [ "$(stat -c %a "$f")" = 644 ] || die "$f: mode changed to $(stat -c %a "$f")"
  rm -f "$f"
done
fault_check_clean "$pid"
echo "$0: ok: the run left the stale objects alone and nothing of its own"
