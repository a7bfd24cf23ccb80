# perf-check.sh --against: the in-job A/B. Sourced by perf-check.sh (uses its die, run_with, $work,
# $bench, $filter, $reps and the tvp-ab arguments left in "$@"); not run on its own.

ab=${TVP_AB:-${tools_dir:-$TVP_ROOT/build/tools/compare}/tvp-ab}
[ -x "$ab" ] || die 2 "$ab: not built (cmake --build build --target tvp-ab)"
rounds=${TVP_PERF_ROUNDS:-30}
case $rounds in ''|*[!0-9]*|0|1) die 2 "TVP_PERF_ROUNDS=$rounds: need a whole number of at least 2" ;; esac

# The baseline's tvp-bench: given, or REV built once in its own folder and kept for the next run.
if [ -n "${TVP_BASE_BENCH:-}" ]; then
  base_bench=$TVP_BASE_BENCH
  [ -x "$base_bench" ] || die 2 "TVP_BASE_BENCH=$base_bench: not an executable"
  base_name=$base_bench
else
  command -v git >/dev/null 2>&1 || die 2 "--against needs git"
  git -C "$TVP_ROOT" rev-parse --git-dir >/dev/null 2>&1 \
    || die 2 "--against REV needs a git clone of tvp (or TVP_BASE_BENCH=<a baseline tvp-bench>)"
  if [ "$against" = default ]; then
    rev=$(git -C "$TVP_ROOT" merge-base HEAD main 2>/dev/null \
      || git -C "$TVP_ROOT" merge-base HEAD origin/main 2>/dev/null \
      || git -C "$TVP_ROOT" rev-parse HEAD) || die 2 "cannot find the merge base with main"
  else
    rev=$against
  fi
  sha=$(git -C "$TVP_ROOT" rev-parse --verify --quiet "$rev^{commit}") \
    || die 2 "--against $rev: not a commit of this repository"
  cache=${TVP_PERF_CACHE:-$TVP_ROOT/.perf-check}
  dir=$cache/$sha
  base_bench=$dir/build/bench/tvp-bench
  base_name="$rev ($(printf '%.12s' "$sha"))"
  if [ ! -x "$base_bench" ]; then
    printf '%s: building the baseline %s in %s\n' "$TVP_SCRIPT" "$base_name" "$dir" >&2
    rm -rf "$dir/src"
    mkdir -p "$dir/src" || die 2 "cannot create $dir"
    git -C "$TVP_ROOT" archive "$sha" | tar -x -C "$dir/src" || die 2 "cannot extract $sha"
    cmake -S "$dir/src" -B "$dir/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTVP_BUILD_TESTS=OFF \
      -DTVP_BUILD_TOOLS=OFF >"$dir/configure.log" 2>&1 \
      || die 2 "configuring the baseline failed (see $dir/configure.log)"
    cmake --build "$dir/build" --target tvp-bench -j "$(nproc)" >"$dir/build.log" 2>&1 \
      || die 2 "building the baseline failed (see $dir/build.log)"
  fi
fi

# A random bit from the kernel (awk's srand() would repeat within a second).
coin() { od -An -N1 -tu1 /dev/urandom | awk '{ print $1 % 2 }'; }

printf '%s: A/B, %s rounds: baseline %s against the working tree (%s)\n' "$TVP_SCRIPT" "$rounds" \
  "$base_name" "$bench" >&2
base_files=""
cand_files=""
i=1
first=""
while [ "$i" -le "$rounds" ]; do
  # A B, then B A: a random order for odd rounds, the reverse of it for even ones, so neither build
  # always runs first (the second run of a pair finds a warmer machine, or a busier one).
  if [ $((i % 2)) = 1 ]; then
    if [ "$(coin)" = 0 ]; then first=A; else first=B; fi
  else
    if [ "$first" = A ]; then first=B; else first=A; fi
  fi
  if [ "$first" = A ]; then order="A B"; else order="B A"; fi
  for side in $order; do
    bench_status=""
    if [ "$side" = A ]; then
      run_with "$base_bench" "$filter" "$work/A-$i.json" "${TVP_BASE_ARGS:-}" 2>"$work/A-$i.err"
      [ "${bench_status:-0}" = 2 ] && die 2 "the baseline's tvp-bench refused its flags: $(tail -n1 "$work/A-$i.err")"
    else
      run_with "$bench" "$filter" "$work/B-$i.json" "${TVP_BENCH_ARGS:-}" 2>"$work/B-$i.err"
      [ "${bench_status:-0}" = 2 ] && die 2 "tvp-bench refused its flags: $(tail -n1 "$work/B-$i.err")"
    fi
  done
  base_files="$base_files $work/A-$i.json"
  cand_files="$cand_files $work/B-$i.json"
  printf '%s: round %s of %s done (%s)\n' "$TVP_SCRIPT" "$i" "$rounds" "$order" >&2
  i=$((i + 1))
done

status=0
# shellcheck disable=SC2086
# The subset's own filter first: a comparison also reports arms the filter did not name (bare/
# twins), which are not what this gate was asked about. A --filter in "$@" replaces it.
"$ab" --base $base_files --candidate $cand_files --filter "$filter" "$@" || status=$?
exit "$status"
