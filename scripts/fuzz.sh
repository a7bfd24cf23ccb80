#!/bin/sh
# Fuzzes the Google Benchmark JSON reader (tools/common) with libFuzzer for a bounded time.
#   scripts/fuzz.sh [SECONDS]      default 60
# Builds build-fuzz/gbjson_fuzz with clang++ -fsanitize=fuzzer,address,undefined outside the g++
# CMake build, seeds a corpus from the committed fixtures, and exits non-zero on any crash, leak,
# sanitizer report or timeout (the reproducer is left in build-fuzz/ as crash-*/leak-*/timeout-*).
set -eu
TVP_SCRIPT=fuzz.sh
TVP_ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
die() { code=$1; shift; printf '%s: %s\n' "$TVP_SCRIPT" "$*" >&2; exit "$code"; }

case ${1:-} in
  -h|--help) echo "usage: scripts/fuzz.sh [SECONDS]   (libFuzzer on the JSON reader; default 60 s)"; exit 0 ;;
esac
seconds=${1:-60}
case $seconds in
  ''|*[!0-9]*) die 2 "SECONDS must be a whole number, got '$seconds' (usage: scripts/fuzz.sh [SECONDS])" ;;
esac
cxx=${TVP_FUZZ_CXX:-clang++}
command -v "$cxx" >/dev/null 2>&1 || die 2 "$cxx not found (apt-get install clang libclang-rt-14-dev)"

out=$TVP_ROOT/build-fuzz
mkdir -p "$out/corpus"
"$cxx" -std=c++20 -O1 -g -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Werror \
  -I"$TVP_ROOT/tools/common/include" -I"$TVP_ROOT/tools/common/src" \
  "$TVP_ROOT"/tools/common/src/*.cpp "$TVP_ROOT/tests/fuzz/gbjson_fuzz.cpp" \
  -o "$out/gbjson_fuzz" || die 2 "building the fuzz target failed"

# Seeds: every committed report fixture, real and broken, and every input that once crashed the
# reader (tests/fuzz/regressions/). libFuzzer adds what it finds to corpus/.
cp "$TVP_ROOT"/tests/fixtures/gbjson/*.json "$TVP_ROOT"/tests/gate/fixtures/*.json \
  "$TVP_ROOT"/tests/fuzz/regressions/* "$out/corpus/"

cd "$out"
status=0
./gbjson_fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -dict="$TVP_ROOT/tests/fuzz/gbjson.dict" -print_final_stats=1 corpus 2>fuzz.log || status=$?
tail -n 12 fuzz.log >&2
[ "$status" = 0 ] || die 1 "fuzzer found a problem (exit $status); see build-fuzz/fuzz.log and the crash-* file"
printf '%s: %s seconds, no crash (log: build-fuzz/fuzz.log)\n' "$TVP_SCRIPT" "$seconds"
