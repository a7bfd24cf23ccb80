#!/bin/sh
# knob_run.sh <tvp-bench> <report-copy> <tvp-bench flags...>: a run with an injected fault must end
# (within 90 s) with exit 1 and leave no process and no /dev/shm object; its JSON report is copied
# to <report-copy> for tvp-bench-check, which checks which benchmarks failed and why.
set -u
bench=$1 copy=$2
shift 2
. "$(dirname "$0")/fault_lib.sh"
fault_setup
"$bench" "$@" "--benchmark_out=$marker" >"$work/out" 2>"$work/err" &
pid=$!
wait_gone "$pid" 90
cat "$work/err" >&2
[ "$rc" = 1 ] || die "expected exit 1 (some benchmarks failed), got $rc"
fault_check_clean "$pid"
cp "$marker" "$copy" || die "no report written"
echo "$0: ok"
