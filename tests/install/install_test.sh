#!/bin/sh
# install_test.sh BUILD_DIR TOOL...: installs BUILD_DIR into a temporary prefix and checks that each
# TOOL and perf-check.sh are there and answer --help, that the docs are there, and that the
# installed tvp-bench measures one small comparison and writes its report.
set -eu
build=$1
shift
prefix=$(mktemp -d "${TMPDIR:-/tmp}/tvp-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$prefix/install.log" 2>&1 \
  || { cat "$prefix/install.log" >&2; fail "cmake --install failed"; }
for tool in "$@" perf-check.sh; do
  [ -x "$prefix/bin/$tool" ] || fail "$tool was not installed in $prefix/bin"
  "$prefix/bin/$tool" --help >"$prefix/help.txt" 2>&1 || fail "$tool --help exited $?"
  [ -s "$prefix/help.txt" ] || fail "$tool --help printed nothing"
done
[ -f "$prefix/share/doc/tvp/README.md" ] || fail "README.md was not installed"

# A tiny run from the prefix: exit 0 (or 3 = a suspect cell, still a report).
rc=0
"$prefix/bin/tvp-bench" --quick --benchmark_filter='^latency/pipe/thread/cross_core/8/' \
  --tvp_min_rounds=2 --tvp_max_rounds=2 --benchmark_out="$prefix/run.json" \
  --benchmark_out_format=json >"$prefix/run.log" 2>&1 || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { tail -5 "$prefix/run.log" >&2; fail "installed tvp-bench exited $rc"; }
grep -q '"latency/pipe/thread/cross_core/8/manual_time"' "$prefix/run.json" \
  || fail "the installed tvp-bench's report lacks latency/pipe/thread/cross_core/8"
# The installed gate finds the installed tools beside itself (no build/ folder there).
"$prefix/bin/perf-check.sh" --record "$prefix/gate.json" >/dev/null 2>&1 \
  || fail "installed perf-check.sh --record failed"
[ -s "$prefix/gate.json" ] || fail "installed perf-check.sh wrote no report"
echo "installed and ran: $* perf-check.sh"
