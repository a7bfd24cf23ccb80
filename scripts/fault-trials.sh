#!/bin/sh
# Fault trials (issue 15): does every transport x model survive its peer dying at a random moment?
#   scripts/fault-trials.sh [--trials N] [--seed N] [--bench PATH] [--out DIR] [...]   (--help)
#
# The cells come from tvp-bench itself (--tvp_list_transports=all, --benchmark_list_tests): every
# (transport, model) with a latency row at the trial size, so a new registry row is tried with no
# change here. Per transport one reference run without a fault (it must pass; its duration sets the
# range of kill moments), then per cell N trials of the same small run: the transport's latency and
# throughput comparisons at one size, placement cross_core where the machine has it, plus the
# latency comparison of one other transport as "the rest of the run".
#
# How the peer dies:
#   process model: the peer is a fork()ed child of tvp-bench, found with `pgrep -P <tvp-bench>`.
#     After a delay drawn uniformly from [0, the reference run's duration] the script SIGKILLs the
#     child alive at that moment or, when there is none (start-up, a thread arm, between batches),
#     the next one to appear: a kill in the start handshake. So kills land in start-up, handshake,
#     send, receive, spin and sleep in proportion to the time a peer spends there. Every child of
#     the comparison counts: the transport's own peer, its bare system-call twin, the floor's.
#   thread model: a peer thread cannot be SIGKILLed alone; a SIGKILL ends the whole tvp-bench,
#     which tests only that children die with it and what a crash leaves in /dev/shm (signal.sh and
#     stale_shm.sh cover that). The trial uses the test knob instead (TVP_TEST_KNOBS builds):
#     --tvp_test_fault=<transport>:kill:N with N drawn log-uniformly from [1, --max-messages], so
#     every peer of the transport dies after its Nth message: a thread peer by an exception (its
#     thread ends mid-conversation), a process peer by raising SIGKILL. It reaches warm-up and
#     timed loop, but only between two messages: never inside a send or holding a lock.
#
# A trial passes when tvp-bench ends within the bound with exit 1 and a line naming the killed
# peer ("(process PID) killed by signal 9", or the knob's "test fault: peer thread killed"), at
# least one comparison of the run is still reported (a console line with a value), and nothing is left: no process
# of the run, no /dev/shm or /dev/mqueue entry named after its pids (fault_lib.sh). A process that
# is gone holds no fd: leaked fds would live in a leftover process, which is counted. A kill that
# found no peer (the run ended first, the peer had already exited, N above every batch) is "missed"
# and must end like the reference run (exit 0, or 3 for a suspect result).
# A trial that exceeds the bound is killed and counted as a hang; its stacks (gdb, when installed)
# and wait channels go to its log. Logs of every failed trial: <out>/failures/<cell>.<trial>/. The
# summary (<out>/summary.md) also says where the process-model kills landed: the /proc state and
# kernel wait channel of each killed child.
# Exit: 0 every trial passed, 1 a hang, leak, wrong exit code, unclear error or stopped run, 2 bad
# usage or a set-up that cannot run (no tvp-bench, a reference run that fails).
set -u
TVP_SCRIPT=fault-trials.sh
TVP_ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
usage="usage: scripts/fault-trials.sh [--trials N] [--seed N] [--bench PATH] [--out DIR] [--only ERE] [--watchdog-ms N] [--batch-ms N] [--bound S] [--max-messages N] [--size N]"
die2() { printf '%s: %s\n' "$TVP_SCRIPT" "$*" >&2; exit 2; }

trials=200 seed="" bench=${TVP_BENCH:-$TVP_ROOT/build/bench/tvp-bench} out=$TVP_ROOT/build-fault-trials
only="" watchdog_ms=2000 batch_ms=5 bound_s="" max_messages=5000 size=64
while [ $# -gt 0 ]; do
  arg=$1
  case $arg in
    -h|--help)
      printf '%s\n' "$usage" \
        "  --trials N        trials per transport x model (default 200)" \
        "  --seed N          seed of the kill moments (default: random, printed)" \
        "  --bench PATH      tvp-bench to try (default: \$TVP_BENCH or build/bench/tvp-bench)" \
        "  --out DIR         summary.md and the logs of failed trials (default: build-fault-trials)" \
        "  --only ERE        only the cells whose transport/model matches ERE" \
        "  --watchdog-ms N   tvp-bench's stall timeout during the trials (default 2000)" \
        "  --batch-ms N      one arm's timed batch (default 5)" \
        "  --bound S         seconds before a trial is a hang (default: reference + 4 watchdogs + 5)" \
        "  --max-messages N  thread model: the knob's message count is 1..N (default 5000)" \
        "  --size N          message size in bytes (default 64)"
      exit 0 ;;
    --*=*) name=${arg%%=*} value=${arg#*=} ;;
    *) name=$arg value="" ;;
  esac
  case $name in
    --trials|--seed|--bench|--out|--only|--watchdog-ms|--batch-ms|--bound|--max-messages|--size) ;;
    *) die2 "unknown argument '$arg' (see --help)" ;;
  esac
  if [ "$name" = "$arg" ]; then
    [ $# -ge 2 ] || die2 "$name: needs a value (see --help)"
    value=$2
    shift
  fi
  shift
  case $name in
    --trials|--seed|--watchdog-ms|--batch-ms|--bound|--max-messages|--size)
      case $value in ''|*[!0-9]*) die2 "$name: '$value' is not a whole number" ;; esac
      [ "$name" = --seed ] || [ "$value" -gt 0 ] || die2 "$name: must be at least 1" ;;
  esac
  case $name in
    --trials) trials=$value ;;
    --seed) seed=$value ;;
    --bench) bench=$value ;;
    --out) out=$value ;;
    --only) only=$value ;;
    --watchdog-ms) watchdog_ms=$value ;;
    --batch-ms) batch_ms=$value ;;
    --bound) bound_s=$value ;;
    --max-messages) max_messages=$value ;;
    --size) size=$value ;;
  esac
done
[ -x "$bench" ] || die2 "$bench: no tvp-bench there (cmake --build build --target tvp-bench)"
[ -n "$seed" ] || seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
# shellcheck source=../tests/fault/fault_lib.sh
. "$TVP_ROOT/tests/fault/fault_lib.sh"

mkdir -p "$out/failures" || die2 "$out: cannot create it"
work=$(mktemp -d "${TMPDIR:-/tmp}/tvp-fault-trials.XXXXXX") || die2 "mktemp failed"
pid=""
# Whatever ends this script, the run under trial goes with it (its children die by PDEATHSIG).
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# alive <pid>: running, not a zombie.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  case $(ps -o stat= -p "$1" 2>/dev/null) in Z*|'') return 1 ;; esac
}
secs() { awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }'; }

# The cells, in registry order, thread before process; the placement is cross_core when listed.
"$bench" --tvp_list_transports=all >"$work/transports" 2>"$work/list.err" \
  || die2 "$bench --tvp_list_transports=all failed: $(head -n 1 "$work/list.err")"
"$bench" --benchmark_list_tests --tvp_sizes="$size" '--benchmark_filter=^latency/' \
  >"$work/rows" 2>"$work/list.err" \
  || die2 "$bench --benchmark_list_tests failed: $(head -n 1 "$work/list.err")"
knob=0
"$bench" --help 2>/dev/null | grep -q -e '--tvp_test_fault' && knob=1
placement_of() {  # <transport> <model>: the placement of its latency row, cross_core first
  awk -F/ -v t="$1" -v m="$2" -v s="$size" '$1 == "latency" && $2 == t && $3 == m && $5 == s {
      if ($4 == "cross_core") { print $4; found = 1; exit } if (first == "") first = $4 }
    END { if (!found && first != "") print first }' "$work/rows"
}

common="--tvp_sizes=$size --tvp_batch_ms=$batch_ms --tvp_min_rounds=2 --tvp_max_rounds=2 --tvp_watchdog_ms=$watchdog_ms"
# run_bench <dir> <filter> [flags...]: starts one run in the background, $pid; output in <dir>.
run_bench() {
  d=$1 f=$2
  shift 2
  # shellcheck disable=SC2086
  "$bench" $common "--benchmark_filter=$f" "$@" "--benchmark_out=$d/report.json" \
    </dev/null >"$d/out" 2>"$d/err" &
  pid=$!
}
# thread_counters <pid>: one line per thread: state, wait channel, voluntary and involuntary
# context switches, user+system CPU ticks.
thread_counters() {
  for t in /proc/"$1"/task/*; do
    st=$(sed 's/^.*) //' "$t/stat" 2>/dev/null) || continue
    # shellcheck disable=SC2086
    set -- $st
    vcsw=$(sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "$t/status" 2>/dev/null)
    ivcsw=$(sed -n 's/^nonvoluntary_ctxt_switches:[[:space:]]*//p' "$t/status" 2>/dev/null)
    echo "thread ${t##*/}: $1 $(cat "$t/wchan" 2>/dev/null) vcsw=$vcsw ivcsw=$ivcsw cpu_ticks=$((${12} + ${13}))"
  done
}
# finish <dir> <deadline ms>: waits for $pid until the deadline; sets $rc, $hung, $ended_ms. A
# hung run's stacks and wait channels go to <dir>/hang before it is killed.
finish() {
  hung=0
  while alive "$pid"; do
    [ "$(now_ms)" -lt "$2" ] || { hung=1; break; }
    sleep 0.02
  done
  ended_ms=$(now_ms)  # the trial's time: without the diagnosis of a hang below
  if [ "$hung" = 1 ]; then
    {
      # Each thread's state, wait channel, switches and CPU ticks before and after the stacks: a
      # run that still moves (counters change, stacks at other sequence numbers) is slow, not stuck.
      for p in "$pid" $(pgrep -P "$pid"); do
        echo "== process $p: $(ps -o stat=,args= -p "$p" 2>/dev/null)"
        thread_counters "$p"
        if command -v gdb >/dev/null 2>&1; then
          timeout 20 gdb -p "$p" -batch -ex 'thread apply all bt' </dev/null 2>&1 | grep -e '^#' -e '^Thread'
        fi
        sleep 1
        echo "-- again, after the stacks:"
        thread_counters "$p"
      done
    } >"$1/hang" 2>&1
    kill -9 "$pid" 2>/dev/null
  fi
  rc=0
  wait "$pid" || rc=$?
  ran_pid=$pid
  pid=""
}
# sweep <dir> <pid>...: what the run left behind (fault_lib.sh), recorded in <dir>/leftovers and
# removed, so one trial's leak does not become the next one's. Fails when something was left.
sweep() {
  d=$1
  shift
  fault_leftovers "$d/report.json" "$@" >"$d/leftovers"
  [ -s "$d/leftovers" ] || return 0
  fault_remove_leftovers "$d/report.json" "$@"
  return 1
}

echo "fault-trials: $bench, $trials trials per cell, seed $seed, watchdog ${watchdog_ms} ms" >&2
[ "$knob" = 1 ] || echo "fault-trials: tvp-bench has no --tvp_test_fault (TVP_TEST_KNOBS=OFF): thread cells skipped" >&2
table=$work/table
: >"$table"
bad_total=0 setup_failed=0 cell_no=0 ref_for="" ref_ok=0 ref_rc="" t_start=$(now_ms)
for transport in $(cat "$work/transports"); do
  for model in thread process; do
    placement=$(placement_of "$transport" "$model")
    [ -n "$placement" ] || continue  # the registry row does not allow this model
    if [ -n "$only" ] && ! echo "$transport/$model" | grep -Eq -- "$only"; then continue; fi
    cell_no=$((cell_no + 1))
    if [ "$model" = thread ] && [ "$knob" = 0 ]; then
      echo "| $transport | $model | skipped: no test knobs | | | | | | | |" >>"$table"
      continue
    fi
    filter="^(latency|throughput)/$transport/$model/$placement/$size/"
    # The rest of the run: the latency comparison of the first other transport with that placement.
    other=$(awk -F/ -v t="$transport" -v p="$placement" '$2 != t && $4 == p { print $2; exit }' "$work/rows")
    [ -z "$other" ] || filter="$filter|^latency/$other/[a-z]+/$placement/$size/"
    cell=$transport.$model

    # Reference: no fault. Its duration is the range of kill moments. Once per transport: a filter
    # selects whole comparisons, so both models' cells run the same groups.
    if [ "$ref_for" != "$transport" ]; then
      ref_for=$transport
      ref=$work/ref
      rm -rf "$ref"
      mkdir -p "$ref"
      t0=$(now_ms)
      run_bench "$ref" "$filter"
      finish "$ref" $((t0 + 120000))
      ref_ms=$(($(now_ms) - t0)) ref_rc=$rc ref_ok=1
      if [ "$hung" = 1 ] || { [ "$rc" != 0 ] && [ "$rc" != 3 ]; } || ! sweep "$ref" "$ran_pid"; then
        ref_ok=0
        keep=$out/failures/$transport.reference
        rm -rf "$keep"
        cp -r "$ref" "$keep"
        echo "fault-trials: $transport: the reference run without a fault failed (exit $rc, hung $hung); see $keep" >&2
        setup_failed=1
      fi
    fi
    if [ "$ref_ok" = 0 ]; then
      echo "| $transport | $model | reference run failed (exit $ref_rc) | | | | | | | |" >>"$table"
      continue
    fi
    bound_ms=$((ref_ms + 4 * watchdog_ms + 5000))
    [ -z "$bound_s" ] || bound_ms=$((bound_s * 1000))

    killed=0 hangs=0 leaks=0 wrong=0 unclear=0 stopped=0
    # The cell's kill moments, one number in [0, 1) a trial: reproducible from --seed and the cell.
    h=$(printf '%s' "$cell" | cksum | cut -d " " -f 1)
    awk -v s="$seed" -v h="$h" -v n="$trials" \
      'BEGIN { srand((s + h) % 2147483647); for (i = 0; i < n; i++) print rand() }' >"$work/rand"
    : >"$work/times"
    i=0
    while [ "$i" -lt "$trials" ]; do
      i=$((i + 1))
      d=$work/trial
      rm -rf "$d"
      mkdir -p "$d"
      r=$(sed -n "${i}p" "$work/rand")
      victim=""
      t0=$(now_ms)
      if [ "$model" = thread ]; then
        n=$(awk -v r="$r" -v m="$max_messages" 'BEGIN { n = int(exp(r * log(m + 1))); print (n < 1 ? 1 : n) }')
        how="knob: every peer of $transport killed after $n messages"
        run_bench "$d" "$filter" "--tvp_test_fault=$transport:kill:$n"
      else
        delay_ms=$(awk -v r="$r" -v m="$ref_ms" 'BEGIN { printf "%d", r * m }')
        how="SIGKILL of a child of tvp-bench at $delay_ms ms (or the next child to appear)"
        run_bench "$d" "$filter"
        sleep "$(secs "$delay_ms")"
        while [ -z "$victim" ] && alive "$pid" && [ "$(now_ms)" -lt $((t0 + bound_ms)) ]; do
          for c in $(pgrep -P "$pid"); do
            # Where it was: the scheduler state (R running or spinning, S sleeping, D) and the kernel
            # function it sleeps in (futex_wait_queue, pipe_read, unix_stream_read_generic...).
            state=$(cut -d " " -f 3 "/proc/$c/stat" 2>/dev/null) wchan=$(cat "/proc/$c/wchan" 2>/dev/null)
            case $state in Z|'') continue ;; esac
            kill -9 "$c" 2>/dev/null && { victim=$c; break; }
          done
          [ -n "$victim" ] || sleep 0.005
        done
        if [ -n "$victim" ]; then
          [ "$state" = S ] && [ -n "$wchan" ] && [ "$wchan" != 0 ] && state="S $wchan"
          how="$how: killed $victim at $(($(now_ms) - t0)) ms, state $state"
          echo "$transport|$state" >>"$work/moments"
        fi
      fi
      finish "$d" $((t0 + bound_ms))
      ms=$((ended_ms - t0))
      echo "$ms" >>"$work/times"

      verdict=""
      hit=0 named=0
      if [ "$model" = thread ]; then
        if grep -q -e 'test fault: peer thread killed' -e 'killed by signal 9' "$d/err"; then hit=1 named=1; fi
      elif [ -n "$victim" ]; then
        if grep -q "(process $victim) killed by signal 9" "$d/err"; then hit=1 named=1
        # The kill reached a child that had already exited (a zombie not yet reaped): a miss.
        elif { [ "$rc" = 0 ] || [ "$rc" = 3 ]; } && ! grep -q 'killed by signal' "$d/err"; then hit=0
        else hit=1
        fi
      fi
      if [ "$hung" = 1 ]; then
        hangs=$((hangs + 1)) verdict="hang"
        # A hang is where a kill reached: a thread cell's knob, or the child killed above.
        if [ "$model" = thread ] || [ -n "$victim" ]; then killed=$((killed + 1)); fi
      elif [ "$hit" = 1 ]; then
        killed=$((killed + 1))
        if [ "$rc" != 1 ]; then wrong=$((wrong + 1)) verdict="exit $rc, expected 1"
        elif [ "$named" = 0 ]; then unclear=$((unclear + 1)) verdict="no error names the killed peer"
        elif ! grep -qE 'left\] [a-z]+/[^ ]+  [0-9.]+ ' "$d/out"; then stopped=$((stopped + 1)) verdict="no comparison completed"
        fi
      elif { [ "$rc" != 0 ] && [ "$rc" != 3 ]; } || grep -q 'ignored the stop request' "$d/err"; then
        # Exit 3 is also what tvp-bench's last resort gives (a peer thread that ignored the stop).
        wrong=$((wrong + 1)) verdict="exit $rc after a kill that hit no peer"
      fi
      # After a hang the leftovers are the script's own doing (it SIGKILLed tvp-bench): swept, not
      # counted.
      if ! sweep "$d" "$ran_pid" $victim && [ "$hung" = 0 ]; then
        leaks=$((leaks + 1)) verdict="${verdict:+$verdict; }left behind: $(paste -sd ' ' "$d/leftovers")"
      fi
      if [ -n "$verdict" ]; then
        keep=$out/failures/$cell.$i
        rm -rf "$keep"
        cp -r "$d" "$keep"
        printf '%s\n' "cell: $cell" "trial: $i (seed $seed)" "fault: $how" "exit: $rc" \
          "time: $ms ms (bound $bound_ms ms)" "verdict: $verdict" \
          "command: $bench $common --benchmark_filter='$filter'" >"$keep/info"
        echo "fault-trials: $cell trial $i: $verdict ($how); log: $keep" >&2
        bad_total=$((bad_total + 1))
      fi
    done
    median=$(sort -n "$work/times" | awk '{ v[NR] = $1 } END { if (NR) printf "%.2f", v[int((NR + 1) / 2)] / 1000 }')
    echo "| $transport | $model | $trials | $killed | $hangs | $leaks | $wrong | $unclear | $stopped | $median |" >>"$table"
    echo "fault-trials: $cell: $trials trials, $killed killed a peer, $hangs hangs, $leaks leaks, $wrong wrong exits (reference $ref_ms ms)" >&2
  done
done
[ "$cell_no" -gt 0 ] || die2 "no transport x model cell to try (--only '$only'?)"

{
  echo "Fault trials: $trials per transport x model, seed $seed, watchdog $watchdog_ms ms, size $size B,"
  echo "$(($(now_ms) - t_start)) ms in all ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs)."
  echo
  echo "| transport | model | trials | killed a peer | hangs | leaks | wrong exit codes | unclear errors | run stopped | median trial (s) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  cat "$table"
  if [ -s "$work/moments" ]; then
    echo
    echo "Where the process-model kills landed (the killed child's state in /proc: R running or"
    echo "spinning, S sleeping in the named kernel function), kills per state:"
    echo
    awk -F'|' '{ if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } c[$1 SUBSEP $2]++ }
      END {
        for (i = 1; i <= n; i++) {
          line = ""
          for (k in c) { split(k, f, SUBSEP); if (f[1] == order[i]) line = line ", " f[2] " " c[k] }
          print "- " order[i] ": " substr(line, 3)
        }
      }' "$work/moments"
  fi
} | tee "$out/summary.md"
[ "$setup_failed" = 0 ] || exit 2
[ "$bad_total" = 0 ] || { echo "fault-trials: $bad_total failed trial(s); logs under $out/failures" >&2; exit 1; }
exit 0
