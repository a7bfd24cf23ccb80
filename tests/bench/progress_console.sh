#!/bin/sh
# tvp-bench's default console (--tvp_console=progress): one line per benchmark, numbered 1..N where
# N is the number of benchmarks the same flags list, each "[ i/N  m:ss left] name  value ...", no
# line wider than 160 columns; a paired process arm shows its value (and p99 once a batch has
# 1,000 round trips) and its ratio to the thread arm with its interval. --tvp_console=full prints Google Benchmark's table instead.
#   progress_console.sh <tvp-bench> [paired smoke flags...]
set -eu
bench=$1
shift
fail() { printf 'progress_console: %s\n' "$*" >&2; exit 1; }
filter='^(spawn/thread/|latency/pipe/[a-z]+/cross_core/)'
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM

n=$("$bench" --tvp_sizes=64 "--benchmark_filter=$filter" --benchmark_list_tests=true | wc -l)
[ "$n" -ge 3 ] || fail "the filter lists $n benchmarks; expected a few"

"$bench" --benchmark_min_time=0 --tvp_sizes=64 "--benchmark_filter=$filter" "$@" >"$out" \
  || fail "tvp-bench failed: $(cat "$out")"
grep -q "^tvp-bench: $n benchmarks: " "$out" || fail "no header announcing $n benchmarks: $(head -2 "$out")"
lines=$(grep -cE "^\[ *[0-9]+/$n +([0-9]+:)?[0-9]+:[0-9]{2} left\] [a-z]" "$out" || true)
[ "$lines" = "$n" ] || fail "$lines numbered benchmark lines, expected $n: $(cat "$out")"
grep -qE "^\[$n/$n +0:00 left\] " "$out" || fail "the last benchmark is not $n/$n with 0:00 left"
grep -qE "^\[ *[0-9]+/$n .*latency/pipe/process/cross_core/64  [0-9.]+ [nµm]?s(  p99 [0-9.]+ [nµm]?s)?  ÷thread [0-9.e+-]+ \[[0-9.e+-]+-[0-9.e+-]+\]" "$out" \
  || fail "no line with the process arm's value and ratio to thread: $(grep process "$out")"
wide=$(awk 'length($0) > 160' "$out" | head -1)
[ -z "$wide" ] || fail "a line wider than 160 columns: $wide"
grep -q "ERROR OCCURRED" "$out" && fail "a benchmark failed: $(grep 'ERROR OCCURRED' "$out")"

# A cross-transport comparison: the transport's line carries its ratio to the partner.
"$bench" --benchmark_min_time=0 --tvp_sizes=64 "--benchmark_filter=^versus_latency/tcp_loopback/process/" "$@" >"$out" \
  || fail "tvp-bench (versus) failed: $(cat "$out")"
grep -qE "^\[1/1 +0:00 left\] versus_latency/tcp_loopback/process/cross_core/64  [0-9.]+ [nµm]?s(  p99 [0-9.]+ [nµm]?s)?  ÷unix_stream [0-9.e+-]+ \[[0-9.e+-]+-[0-9.e+-]+\]$" "$out" \
  || fail "no versus line with its ratio to the partner: $(cat "$out")"
grep -q "partner_of" "$out" && fail "a partner arm was printed as a benchmark: $(cat "$out")"

"$bench" --benchmark_min_time=0 --tvp_sizes=64 "--benchmark_filter=^spawn/thread/" --tvp_console=full >"$out" \
  || fail "tvp-bench --tvp_console=full failed"
grep -qE "^Benchmark +Time +CPU +Iterations" "$out" || fail "--tvp_console=full printed no Google Benchmark table"
grep -q "left\]" "$out" && fail "--tvp_console=full printed progress lines"
echo "progress_console: $n benchmarks, one line each"
