#!/bin/sh
# Fuzzes what reads untrusted input with libFuzzer, for a bounded time shared by four targets:
#   gbjson         the Google Benchmark JSON reader (tools/common) behind tvp-report and tvp-compare
#   bench_options  tvp-bench's own flags (bench/options.cpp)
#   report_cli     tvp-report's command line (tools/report/command_line.cpp)
#   compare_cli    tvp-compare's command line (tools/compare/src/options.cpp)
#   scripts/fuzz.sh [SECONDS]      SECONDS of fuzzing in all (default 120): a quarter each, two
#                                  targets at a time (half of SECONDS on the clock)
# Builds build-fuzz/<target>_fuzz with clang++ -fsanitize=fuzzer,address,undefined outside the g++
# CMake build (tests/fuzz/<target>_fuzz.cpp says what each one checks). Seeds: the committed report
# fixtures (gbjson); real command lines (tests/fuzz/seeds/<target>.txt, one a line, arguments
# separated by spaces: a corpus file holds them NUL-separated, as the targets split their input).
# Every input that once failed (tests/fuzz/regressions/: <target>-* for the command-line targets,
# the rest the JSON reader's) is replayed whole before fuzzing. Exits non-zero on any crash, leak,
# sanitizer report or timeout; the reproducer is left in build-fuzz/ as <target>-crash-* etc.
set -eu
TVP_SCRIPT=fuzz.sh
TVP_ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
die() { code=$1; shift; printf '%s: %s\n' "$TVP_SCRIPT" "$*" >&2; exit "$code"; }

case ${1:-} in
  -h|--help) echo "usage: scripts/fuzz.sh [SECONDS]   (libFuzzer on the JSON reader and the three command lines; default 120 s in all)"; exit 0 ;;
esac
seconds=${1:-120}
case $seconds in
  ''|*[!0-9]*) die 2 "SECONDS must be a whole number, got '$seconds' (usage: scripts/fuzz.sh [SECONDS])" ;;
esac
[ $# -le 1 ] || die 2 "one argument at most (usage: scripts/fuzz.sh [SECONDS])"
each=$((seconds / 4))
[ "$each" -ge 1 ] || each=1
cxx=${TVP_FUZZ_CXX:-clang++}
command -v "$cxx" >/dev/null 2>&1 || die 2 "$cxx not found (apt-get install clang libclang-rt-14-dev)"

out=$TVP_ROOT/build-fuzz
fz=$TVP_ROOT/tests/fuzz
mkdir -p "$out"

# build <target> <compiler arguments and .cpp files...>: the .cpp files are compiled as one unity
# file (build-fuzz/<target>_unity.cpp), which parses nlohmann/json and CLI11 once instead of per
# file (the JSON reader's target: 21 s instead of 55 s).
build() {
  name=$1
  shift
  unity=$out/${name}_unity.cpp
  : >"$unity"
  # Keeps the flags in "$@" (paths may hold spaces), moves the .cpp files into the unity file.
  for a do
    shift
    case $a in
      *.cpp) printf '#include "%s"\n' "$a" >>"$unity" ;;
      *) set -- "$@" "$a" ;;
    esac
  done
  "$cxx" -std=c++20 -O1 -g -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Werror \
    "$@" "$unity" -o "$out/${name}_fuzz" || die 2 "building the $name fuzz target failed"
}
# Two at a time (CI has 2 CPUs).
lane_a() {
  build gbjson -I"$TVP_ROOT/tools/common/include" -I"$TVP_ROOT/tools/common/src" \
    "$TVP_ROOT"/tools/common/src/*.cpp "$fz/gbjson_fuzz.cpp"
  build report_cli -I"$TVP_ROOT/tools/report" "$TVP_ROOT/tools/report/command_line.cpp" \
    "$fz/report_cli_fuzz.cpp"
}
lane_b() {
  # The registry's rows without the transports (tests/fuzz/transport_rows.cpp); the knobs compiled in.
  build bench_options -DTVP_TEST_KNOBS -I"$TVP_ROOT/bench" -I"$TVP_ROOT/lib/include" \
    "$TVP_ROOT/bench/options.cpp" "$TVP_ROOT/lib/src/fd/unique_fd.cpp" "$TVP_ROOT/lib/src/error.cpp" \
    "$fz/transport_rows.cpp" "$fz/bench_options_fuzz.cpp"
  build compare_cli -I"$TVP_ROOT/tools/compare/src" -I"$TVP_ROOT/tools/common/include" \
    "$TVP_ROOT/tools/compare/src/options.cpp" "$fz/compare_cli_fuzz.cpp"
}
lane_a &
lane_a_pid=$!
lane_b || exit $?
wait "$lane_a_pid" || exit $?

# Corpora. libFuzzer adds what it finds to corpus/<target>/.
for name in gbjson bench_options report_cli compare_cli; do mkdir -p "$out/corpus/$name"; done
cp "$TVP_ROOT"/tests/fixtures/gbjson/*.json "$TVP_ROOT"/tests/gate/fixtures/*.json "$out/corpus/gbjson/"
for name in bench_options report_cli compare_cli; do
  n=0
  while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" | tr ' ' '\000' >"$out/corpus/$name/seed-$n"
  done <"$fz/seeds/$name.txt"
done
target_of() {
  case ${1##*/} in
    bench_options-*) echo bench_options ;;
    report_cli-*) echo report_cli ;;
    compare_cli-*) echo compare_cli ;;
    *) echo gbjson ;;
  esac
}
for f in "$fz"/regressions/*; do
  if [ -f "$f" ]; then cp "$f" "$out/corpus/$(target_of "$f")/"; fi
done

cd "$out"
# fuzz_one <target>: replays its regressions, then fuzzes for $each seconds; "ok" or what failed
# goes to <target>.verdict (run two at a time, so no shared variable).
fuzz_one() {
  name=$1
  # Replay the regressions whole first: the corpus copy is cut to -max_len.
  set --
  for f in "$fz"/regressions/*; do
    if [ -f "$f" ] && [ "$(target_of "$f")" = "$name" ]; then set -- "$@" "$f"; fi
  done
  if [ $# -gt 0 ] && ! "./${name}_fuzz" -artifact_prefix="$name-" "$@" >"$name-regressions.log" 2>&1; then
    tail -n 12 "$name-regressions.log" >&2
    echo "$name(regressions)" >"$name.verdict"
    return
  fi
  case $name in gbjson) max_len=65536 ;; *) max_len=4096 ;; esac
  status=0
  "./${name}_fuzz" -max_total_time="$each" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -dict="$fz/$name.dict" -artifact_prefix="$name-" -print_final_stats=1 "corpus/$name" \
    2>"$name.log" || status=$?
  tail -n 3 "$name.log" >&2
  if [ "$status" = 0 ]; then echo ok >"$name.verdict"; else echo "$name(exit $status)" >"$name.verdict"; fi
}
for pair in "gbjson bench_options" "report_cli compare_cli"; do
  set -- $pair
  rm -f "$1.verdict" "$2.verdict"
  fuzz_one "$1" &
  first=$!
  fuzz_one "$2"
  wait "$first" || true
done
failed=""
for name in gbjson bench_options report_cli compare_cli; do
  verdict=$(cat "$name.verdict" 2>/dev/null || echo "$name(no verdict)")
  [ "$verdict" = ok ] || failed="$failed $verdict"
done
[ -z "$failed" ] || die 1 "fuzzer found a problem in:$failed; see build-fuzz/<target>.log and the <target>-crash-* file"
printf '%s: %s seconds each for gbjson, bench_options, report_cli, compare_cli: no crash (logs: build-fuzz/*.log)\n' \
  "$TVP_SCRIPT" "$each"
