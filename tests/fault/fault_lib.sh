# Shared by the fault scripts (POSIX sh, sourced). Every run gets a private directory and a unique
# --benchmark_out path inside it: forked peers keep tvp-bench's command line, so that path finds
# every process of this run (and only this run) afterwards.

die() {
  echo "$0: $*" >&2
  exit 1
}

# fault_setup: $work (private directory), $marker (report path), $markers (the directory for
# TVP_TEST_MARKER_DIR, see wait_marked_peer).
fault_setup() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/tvp-fault.XXXXXX") || die "mktemp failed"
  marker="$work/report.json"
  markers="$work/markers"
  mkdir "$markers" || die "mkdir $markers failed"
  trap 'rm -rf "$work"' EXIT
}

# The pids of this run's processes still alive (empty when none).
run_pids() {
  pgrep -f -- "--benchmark_out=$marker" || true
}

# wait_gone <pid> <seconds>: waits for <pid> to end; its status is in $rc. Fails after <seconds>.
wait_gone() {
  i=0
  while kill -0 "$1" 2>/dev/null; do
    # A zombie still answers kill -0; `wait` below reaps it.
    if [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" = "Z" ]; then break; fi
    i=$((i + 1))
    [ "$i" -le $(($2 * 10)) ] || die "pid $1 still running after $2 s"
    sleep 0.1
  done
  rc=0
  wait "$1" || rc=$?
}

# marked_peer <pid>: prints a peer of tvp-bench <pid> that has reported entering its timed loop --
# it created $markers/in-timed-loop.<its pid> (tvp-bench runs with TVP_TEST_MARKER_DIR=$markers,
# see bench/test_marker.hpp) -- and is still a child of <pid>; nothing (status 1) if there is none
# yet. Markers of peers that have already ended (the short calibration batches) are dropped.
marked_peer() {
  for m in "$markers"/in-timed-loop.*; do
    [ -e "$m" ] || continue
    c=${m##*.}
    if pgrep -P "$1" | grep -qx "$c"; then
      echo "$c"
      return 0
    fi
    rm -f "$m"
  done
  return 1
}

# kill_marked_peer <pid> <signal> <seconds>: sends <signal> to the first peer of <pid> seen in its
# timed loop (marked_peer) and prints its pid. A peer that ended between the check and the signal
# is skipped for the next one. Fails after <seconds> without one.
kill_marked_peer() {
  i=0
  while :; do
    if c=$(marked_peer "$1") && kill -s "$2" "$c" 2>/dev/null; then
      echo "$c"
      return 0
    fi
    i=$((i + 1))
    [ "$i" -le $(($3 * 20)) ] || return 1
    sleep 0.05
  done
}

# wait_marked_peer <pid> <seconds>: waits until a peer of <pid> is in its timed loop and prints
# its pid. Fails after <seconds>.
wait_marked_peer() {
  i=0
  while :; do
    marked_peer "$1" && return 0
    i=$((i + 1))
    [ "$i" -le $(($2 * 20)) ] || return 1
    sleep 0.05
  done
}

# Paired families (latency/, throughput/): long batches (4 s) and two rounds, so a peer is in its
# timed loop for seconds and a comparison ends within ~10 s once one of its arms failed.
FAULT_LONG_BATCHES="--tvp_batch_ms=4000 --tvp_min_rounds=2 --tvp_max_rounds=2"

# mqueue_list: the POSIX message queues of this IPC namespace, one name a line. From /dev/mqueue
# where the mqueue filesystem is mounted; otherwise, as root, from a private mount in a throwaway
# mount namespace (nothing changes on the host); otherwise none, with a note: the check is skipped.
mqueue_list() {
  if grep -qs '^[^ ]* /dev/mqueue mqueue ' /proc/mounts; then
    ls /dev/mqueue
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1; then
    mq_dir=$(mktemp -d "${TMPDIR:-/tmp}/tvp-mqueue.XXXXXX") || die "mktemp failed"
    # shellcheck disable=SC2016
    if unshare --mount --propagation private \
      sh -c 'mount -t mqueue none "$1" && ls "$1"' sh "$mq_dir" 2>/dev/null; then
      rmdir "$mq_dir"
      return 0
    fi
    rmdir "$mq_dir"
  fi
  echo "$0: note: /dev/mqueue is not mounted (and cannot be mounted privately):" \
    "POSIX message queue leftovers not checked" >&2
}

# fault_check_clean <pid>: no process of this run is left and no /dev/shm or /dev/mqueue object
# named after tvp-bench's <pid> ("tvp-<kind>-<pid>-<n>"). Only this run's names are checked: other
# runs on the machine may create and remove their own at the same time.
fault_check_clean() {
  sleep 0.2  # PR_SET_PDEATHSIG delivery is asynchronous
  left=$(run_pids)
  [ -z "$left" ] || die "processes of the run left behind: $left"
  shm_left=$(ls /dev/shm | grep "^tvp-[a-z_]*-$1-" || true)
  [ -z "$shm_left" ] || die "/dev/shm objects left behind: $shm_left"
  mq_left=$(mqueue_list | grep "^tvp-[a-z_]*-$1-" || true)
  [ -z "$mq_left" ] || die "/dev/mqueue objects left behind: $mq_left"
}

# ---------------------------------------------------------------------------------------------
# Non-fatal forms of the checks above, for scripts that count failures over many runs instead of
# stopping at the first (scripts/fault-trials.sh). They take the run's marker (its --benchmark_out
# path) and pids as arguments rather than $marker.

# fault_leftovers <marker> <pid>...: prints what a finished run left behind, one item a line, and
# nothing when it is clean: live processes whose command line holds --benchmark_out=<marker> (a
# zombie has no command line, and init reaps it), and /dev/shm and /dev/mqueue entries whose name
# holds one of the pids as a whole number (tvp names its objects after tvp-bench's pid; give a
# killed child's pid too, in case an object is named after it). What it finds it looks at again
# 0.3 s later: PR_SET_PDEATHSIG delivery is asynchronous, and a SIGKILLed run's children may be
# dying still.
fault_leftovers() {
  [ -n "$(fault_snapshot "$@")" ] || return 0
  sleep 0.3
  fault_snapshot "$@"
}
fault_snapshot() {
  fl_marker=$1
  shift
  for fl_p in $(pgrep -f -- "--benchmark_out=$fl_marker"); do
    echo "process $fl_p $(ps -o args= -p "$fl_p" 2>/dev/null | cut -c1-80)"
  done
  for fl_dir in /dev/shm /dev/mqueue; do
    [ -d "$fl_dir" ] || continue
    for fl_p in "$@"; do
      ls -A "$fl_dir" | grep -E "(^|[^0-9])$fl_p([^0-9]|\$)" | sed "s|^|$fl_dir/|"
    done
  done | sort -u
}

# fault_remove_leftovers <marker> <pid>...: SIGKILLs and removes what fault_leftovers lists.
fault_remove_leftovers() {
  fault_leftovers "$@" | while read -r fl_kind fl_rest; do
    case $fl_kind in
      process) kill -9 "${fl_rest%% *}" 2>/dev/null ;;
      /dev/*) rm -f "$fl_kind" ;;
    esac
  done
}
