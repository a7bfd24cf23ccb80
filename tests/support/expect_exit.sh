#!/bin/sh
# expect_exit.sh RC [--match ERE]... [--no-match ERE]... -- COMMAND [ARG]...
# Runs COMMAND and passes when it exits with RC and its combined output has a line matching every
# --match and no line matching any --no-match. For RC 2 (bad input) it also insists on the project's
# error shape: nothing on stdout and exactly one line on stderr, starting with the tool's name.
set -u
want=$1
shift
matches="" nomatches=""
nl='
'
while [ $# -gt 0 ] && [ "$1" != -- ]; do
  case $1 in
    --match) matches="$matches$2$nl" ;;
    --no-match) nomatches="$nomatches$2$nl" ;;
    *) echo "expect_exit.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -gt 0 ] && shift
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
"$@" >"$tmp/out" 2>"$tmp/err"
got=$?
cat "$tmp/out" "$tmp/err" >"$tmp/all"
fail=0
if [ "$got" != "$want" ]; then
  echo "FAIL: exit code $got, expected $want" >&2
  fail=1
fi
if [ "$want" = 2 ]; then
  [ -s "$tmp/out" ] && { echo "FAIL: bad input must print nothing on stdout" >&2; fail=1; }
  lines=$(wc -l <"$tmp/err")
  [ "$lines" -eq 1 ] || { echo "FAIL: stderr has $lines lines, expected exactly 1" >&2; fail=1; }
  tool=$1
  [ "$(basename "$1")" = sh ] && [ $# -gt 1 ] && tool=$2  # "sh script.sh ...": the script speaks
  grep -q "^$(basename "$tool"): " "$tmp/err" || { echo "FAIL: stderr does not start with the tool name" >&2; fail=1; }
fi
set -f  # the patterns are regexes, not globs
IFS=$nl
for re in $matches; do
  grep -Eq -- "$re" "$tmp/all" || { echo "FAIL: no line matches: $re" >&2; fail=1; }
done
for re in $nomatches; do
  grep -Eq -- "$re" "$tmp/all" && { echo "FAIL: a line matches: $re" >&2; fail=1; }
done
echo "--- output of: $*"
cat "$tmp/all"
exit "$fail"
