#!/bin/sh
# help_drift.sh README.md NAME=COMMAND...: for each tool, the set of flags its --help prints must
# equal the set the README lists between "<!-- help: NAME -->" and "<!-- /help -->", and --help must
# give every flag one line (no description wrapped onto a line of its own). For tvp-bench only its
# own flags count (from the line "tvp-bench flags:"); Google Benchmark's are its own.
set -eu
readme=$1
shift
fail=0
flags() { grep -oE -- '--[a-z][a-z0-9_-]*[a-z0-9]' | grep -vx -- '--help' | sort -u; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tvp-help.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for spec in "$@"; do
  name=${spec%%=*}
  cmd=${spec#*=}
  # shellcheck disable=SC2086
  $cmd --help >"$tmp/help" 2>&1 || { echo "FAIL: $name --help exited $?" >&2; fail=1; continue; }
  if [ "$name" = tvp-bench ]; then
    sed -n '/^tvp-bench flags:/,$p' "$tmp/help" >"$tmp/own"
  else
    cp "$tmp/help" "$tmp/own"
  fi
  flags <"$tmp/own" >"$tmp/help.flags"
  awk -v open="<!-- help: $name -->" '$0 == open { on = 1; next } /<!-- \/help -->/ { on = 0 } on' \
    "$readme" | flags >"$tmp/readme.flags"
  grep -q "<!-- help: $name -->" "$readme" || { echo "FAIL: README has no flag list for $name" >&2; fail=1; }
  only_help=$(comm -23 "$tmp/help.flags" "$tmp/readme.flags" | paste -sd ' ' -)
  only_readme=$(comm -13 "$tmp/help.flags" "$tmp/readme.flags" | paste -sd ' ' -)
  [ -z "$only_help" ] || { echo "FAIL: $name --help has flags the README does not list: $only_help" >&2; fail=1; }
  [ -z "$only_readme" ] || { echo "FAIL: the README lists flags $name --help does not have: $only_readme" >&2; fail=1; }
  if grep -qE '^ {20,}[^ ]' "$tmp/own"; then
    echo "FAIL: $name --help wraps a flag's description onto a line of its own:" >&2
    grep -nE '^ {20,}[^ ]' "$tmp/own" | head -3 >&2
    fail=1
  fi
done
[ "$fail" = 0 ] && echo "README flag lists match --help: $*" | sed 's/=[^ ]*//g'
exit "$fail"
