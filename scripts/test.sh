#!/bin/sh
# The README's test command: installs what is missing, builds, and passes the tests.
#   scripts/test.sh            default build: every ctest label except soak
#   scripts/test.sh --quick    default build, unit tests only
# Sanitizer presets (asan, tsan) run the unit tests as well unless TVP_SANITIZERS=0.
TVP_SCRIPT=test.sh
. "$(dirname -- "$0")/common.sh"

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h|--help) printf '%s\n' "usage: scripts/test.sh [--quick]" \
      "  --quick   the default build's unit tests only"; exit 0 ;;
    *) tvp_die 2 "unknown argument '$arg' (usage: scripts/test.sh [--quick])" ;;
  esac
done

tvp_install $TVP_PACKAGES_BUILD $TVP_PACKAGES_TEST

tvp_build default
cd "$TVP_ROOT"
if [ "$quick" = 1 ]; then
  ctest --preset unit -j1 || tvp_die 1 "unit tests failed"
  exit 0
fi
# Everything but the long soak; benchmarks and fault tests are RUN_SERIAL inside ctest.
ctest --preset default -LE soak || tvp_die 1 "tests failed (default build)"
# Bounded libFuzzer runs (clang): the JSON reader behind tvp-report and tvp-compare, and the
# command lines of tvp-bench, tvp-report and tvp-compare; TVP_FUZZ_SECONDS in all, a quarter each.
sh "$TVP_ROOT/scripts/fuzz.sh" "${TVP_FUZZ_SECONDS:-60}" || tvp_die 1 "fuzzing found a crash"

if [ "${TVP_SANITIZERS:-1}" = 1 ]; then
  for preset in asan tsan; do
    tvp_build "$preset"
    ctest --preset "$preset" || tvp_die 1 "unit tests failed under $preset"
  done
fi
tvp_log "all tests passed"
