#!/bin/sh
# chromium_render_test.sh TVP_REPORT REPORT.json...
# End to end: tvp-report writes the folder, headless Chromium opens index.html, and the page's own
# render check (html_writer.cpp) must report every chart and every series drawn. Two broken copies
# of the page (one series hidden, the page cut short) must NOT pass, so this test can fail.
# Chromium missing is a failure, not a skip: a report nobody has seen render is not tested.
set -u
tool=$1
shift
chromium=${TVP_CHROMIUM:-chromium}
if ! command -v "$chromium" >/dev/null 2>&1; then
  echo "FAIL: $chromium not found; install it with: apt-get install -y chromium (scripts/common.sh lists it)" >&2
  exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$tool" --out "$tmp/out" "$@" >"$tmp/tool.log" 2>&1 || fail "tvp-report: $(cat "$tmp/tool.log")"
charts=$(find "$tmp/out" -name '*.svg' | wc -l)
[ "$charts" -gt 0 ] || fail "tvp-report wrote no chart"
# The series every chart declares, summed: the page must report exactly this many drawn.
series=$(cat "$tmp/out"/*.svg | grep -o 'data-series-count="[0-9]*"' | tr -dc '0-9\n' |
  awk '{ s += $1 } END { print s + 0 }')

# verdict PAGE: prints the page's data-rendered attribute after load, as Chromium's DOM has it.
n=0
verdict() {
  n=$((n + 1))
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    --user-data-dir="$tmp/profile$n" --dump-dom "file://$1" 2>>"$tmp/chromium.log" |
    grep -o 'data-rendered="[^"]*"' | head -n 1
}

got=$(verdict "$tmp/out/index.html")
want="data-rendered=\"ok charts=$charts series=$series\""
echo "index.html: $got (expected $want)"
[ "$got" = "$want" ] || { tail -n 5 "$tmp/chromium.log" >&2; fail "the page did not render every chart"; }

# Negative controls: the same check on pages that are broken must not say ok.
sed '0,/class="series"/s//class="series" style="display:none"/' "$tmp/out/index.html" >"$tmp/out/hidden.html"
got=$(verdict "$tmp/out/hidden.html")
echo "hidden series: $got"
case $got in *'"FAIL '*'not drawn'*) ;; *) fail "a hidden series was not detected" ;; esac

size=$(wc -c <"$tmp/out/index.html")
head -c $((size / 2)) "$tmp/out/index.html" >"$tmp/out/truncated.html"
got=$(verdict "$tmp/out/truncated.html")
echo "truncated page: ${got:-no verdict}"
case $got in *'"ok '*) fail "a truncated page passed" ;; esac
echo "PASS: $charts charts, $series series rendered in Chromium"
