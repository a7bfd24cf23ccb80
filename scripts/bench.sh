#!/bin/sh
# The README's benchmark command: installs what is missing, builds, runs the suite and writes a
# Google Benchmark JSON report to results/, then the charts and summary.
#   scripts/bench.sh [--quick] [extra tvp-bench flags...]
TVP_SCRIPT=bench.sh
. "$(dirname -- "$0")/common.sh"

# Check the arguments before installing or building anything: a typo must not cost a build.
for arg in "$@"; do
  case "$arg" in
    --quick|--benchmark_*=*|--tvp_*=*) ;;
    -h|--help) printf '%s\n' "usage: scripts/bench.sh [--quick] [tvp-bench flags...]" \
      "  --quick            the reduced matrix (about 2 minutes)" \
      "  --benchmark_*=V    passed to tvp-bench (Google Benchmark's flags)" \
      "  --tvp_*=V          passed to tvp-bench (tvp-bench --help lists them)"; exit 0 ;;
    *) tvp_die 2 "unknown argument '$arg' (usage: scripts/bench.sh [--quick] [--benchmark_*=V | --tvp_*=V]...)" ;;
  esac
done

tvp_install $TVP_PACKAGES_BUILD
tvp_build default
cd "$TVP_ROOT"
[ -x build/bench/tvp-bench ] || tvp_die 1 "build/bench/tvp-bench was not built"
TVP_BENCH_ARGS="$*" cmake --build build --target bench-json || tvp_die 1 "benchmark run failed"
# Charts, summary.md and index.html from the report just written (prints where the page is).
cmake --build build --target report || tvp_die 1 "report generation failed"
