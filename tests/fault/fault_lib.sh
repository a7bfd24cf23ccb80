# Shared by the fault scripts (POSIX sh, sourced). Every run gets a private directory and a unique
# --benchmark_out path inside it: forked peers keep tvp-bench's command line, so that path finds
# every process of this run (and only this run) afterwards.

die() {
  echo "$0: $*" >&2
  exit 1
}

# fault_setup: $work (private directory), $marker (report path).
fault_setup() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/tvp-fault.XXXXXX") || die "mktemp failed"
  marker="$work/report.json"
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

# wait_stable_child <pid> <seconds>: prints a child of <pid> once the same child has been alive for
# a second: a peer in a long timed batch, not one of the short calibration batches before it.
wait_stable_child() {
  i=0 last="" same=0
  while :; do
    c=$(pgrep -P "$1" | head -n 1)
    if [ -n "$c" ] && [ "$c" = "$last" ]; then same=$((same + 1)); else same=0; fi
    last=$c
    [ "$same" -ge 10 ] && { echo "$c"; return 0; }
    i=$((i + 1))
    [ "$i" -le $(($2 * 10)) ] || return 1
    sleep 0.1
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
