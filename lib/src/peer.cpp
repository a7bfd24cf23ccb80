#include "tvp/peer.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/interprocess/anonymous_shared_memory.hpp>
#include <boost/interprocess/mapped_region.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>
#include <optional>
#include <thread>

#include "tvp/error.hpp"
#include "tvp/placement.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp {
namespace detail {

enum Outcome : int { kRunning = 0, kOk = 1, kException = 2, kVerifyFailed = 3 };

// Lives in an anonymous MAP_SHARED mapping for both models, so a thread and a child report through
// exactly the same memory and code.
struct PeerBlock {
  std::atomic<std::uint64_t> progress{0};
  std::atomic<int> stop{0};
  std::atomic<int> outcome{kRunning};
  Usage usage{};
  char message[512] = {};
};
static_assert(std::atomic<std::uint64_t>::is_always_lock_free,
              "the progress counter is shared across processes: it must be lock-free");

}  // namespace detail

namespace {

using detail::PeerBlock;
std::atomic<long long> g_stall_ms{10'000};

void store_message(PeerBlock& b, const char* what) noexcept {
  std::snprintf(b.message, sizeof(b.message), "%s", what);
}

// Writes the one-byte handshake, retrying on EINTR. Returns false on error.
bool write_byte(int fd) noexcept {
  const char c = 'R';
  for (;;) {
    ssize_t n = ::write(fd, &c, 1);
    if (n == 1) return true;
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

// Blocks until the parent releases the peer: a byte or end-of-file on the release pipe (the parent
// writes it when it joins or is destroyed; a parent that dies takes a child along by PDEATHSIG). Not a busy wait: the peer is off its CPU.
void wait_for_release(int fd) noexcept {
  char c;
  while (::read(fd, &c, 1) < 0 && errno == EINTR) {
  }
}

// Runs in the peer thread or child: pin, handshake, body, outcome, then 'D' on the status pipe and
// a wait until the parent joins. Never throws. The status pipe's write end is closed when
// `status_wr` goes out of scope (thread) or at _exit (child): the parent's watchdog reads 'D' or
// that end-of-file as "the peer has ended", whatever the cause.
//
// Why the peer waits before it ends: a child that exits tears down its address space, which takes
// milliseconds when the parent is large (its page tables were copied at fork). On the same CPU that
// teardown ran inside the initiator's timed loop, between the peer's last reply and the initiator
// reading it: measured, a same_core process stream of 8-byte messages read 20 us per message
// instead of 0.15 us in a tvp-bench holding 400 MB, and its ratio to threads moved 10x between two
// full runs as the calibrated batch length moved. Both models wait alike, so nothing else changes.
void peer_main(PeerBlock& block, const Peer::Body& body, int cpu, UniqueFd status_wr,
               int release_rd) noexcept {
  int outcome = detail::kOk;
  try {
    pin_this_thread(cpu);
    PeerContext ctx(&block);
    ctx.mark_measure_start();
    if (!write_byte(status_wr.get())) throw_errno("peer handshake");
    body(ctx);
    block.usage = thread_usage_now() - ctx.measure_start();
  } catch (const VerifyError& e) {
    store_message(block, e.what());
    outcome = detail::kVerifyFailed;
  } catch (const std::exception& e) {
    store_message(block, e.what());
    outcome = detail::kException;
  } catch (...) {
    store_message(block, "unknown exception");
    outcome = detail::kException;
  }
  // release: the parent reads usage/message after seeing the outcome.
  block.outcome.store(outcome, std::memory_order_release);
  const char done = 'D';
  while (::write(status_wr.get(), &done, 1) < 0 && errno == EINTR) {
  }
  wait_for_release(release_rd);
}

std::string describe_wait_status(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = sigdescr_np(sig);
    return "killed by signal " + std::to_string(sig) + " (" + (name ? name : "?") + ")";
  }
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "ended with wait status " + std::to_string(status);
}

}  // namespace

std::chrono::milliseconds default_stall_timeout() noexcept {
  return std::chrono::milliseconds(g_stall_ms.load(std::memory_order_relaxed));
}
void set_default_stall_timeout(std::chrono::milliseconds t) noexcept {
  g_stall_ms.store(t.count(), std::memory_order_relaxed);
}

void PeerContext::progress() noexcept {
  // relaxed: the watchdog only needs to see the value move, it orders nothing.
  block_->progress.fetch_add(1, std::memory_order_relaxed);
}
void PeerContext::mark_measure_start() { start_ = thread_usage_now(); }
bool PeerContext::stop_requested() const noexcept {
  return block_->stop.load(std::memory_order_acquire) != 0;
}

struct Peer::State {
  PeerOptions opt;
  Body body;
  boost::interprocess::mapped_region region;
  PeerBlock* block = nullptr;
  pid_t pid = 0;
  std::thread thread;
  std::thread watchdog;
  UniqueFd status_rd;  // 1 byte when the peer is ready; end-of-file when it has ended
  PipeFds wake;        // the destructor writes here to stop the watchdog's wait early
  PipeFds release;     // closed by finish(): the peer waits on it after its body (peer_main)
  std::atomic<bool> stalled{false};
  std::atomic<bool> abandoned{false};
  std::atomic<bool> joining{false};     // join() is waiting: a wake-up is not an abandonment
  std::atomic<bool> ended_early{false};  // ended OK, but nobody joined within stall_timeout
  std::atomic<bool> failure_signalled{false};
  bool joined = false;
  std::optional<std::string> error;

  std::string who() const {
    return "peer '" + opt.name + "'" +
           (pid ? " (process " + std::to_string(pid) + ")" : std::string(" (thread)"));
  }
  void signal_failure() noexcept {
    if (!failure_signalled.exchange(true) && opt.on_failure) opt.on_failure();
  }

  // A byte, not only closing our end: children forked later for other peers (scaling/ runs 2n)
  // inherit this write end, so its end-of-file would wait for all of them. Idempotent.
  void release_peer() noexcept {
    if (!release.write) return;
    while (::write(release.write.get(), "r", 1) < 0 && errno == EINTR) {
    }
    release.write.reset();
  }

  // Starts the thread or child. Returns with status_rd open in the parent.
  void start() {
    PipeFds status = make_pipe();
    if (opt.model == Model::thread) {
      thread = std::thread([this, wr = std::move(status.write)]() mutable {
        peer_main(*block, body, opt.cpu, std::move(wr), release.read.get());
      });
      status_rd = std::move(status.read);
      return;
    }
    const pid_t parent = ::getpid();
    std::fflush(nullptr);  // or the child would flush the parent's buffered output a second time
    pid = ::fork();
    if (pid < 0) throw_errno("fork for " + who());
    if (pid == 0) {
      // Child. The parent dying (even by SIGKILL) must take us along; check for the race where it
      // died before prctl.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(120);
      status.read.reset();
      release.write.reset();  // so the parent's end closing (or the parent dying) releases us
      if (opt.in_child) opt.in_child();
      peer_main(*block, body, opt.cpu, std::move(status.write), release.read.get());
      ::_exit(block->outcome.load(std::memory_order_acquire) == detail::kOk ? 0 : 1);
    }
    status.write.reset();  // the child holds the only write end: its exit is our end-of-file
    status_rd = std::move(status.read);
    if (opt.in_parent) opt.in_parent();
  }

  // Waits for the handshake byte; false if the peer ended first.
  bool wait_ready() {
    pollfd p{status_rd.get(), POLLIN, 0};
    const int ms = static_cast<int>(opt.stall_timeout.count());
    for (;;) {
      int rc = ::poll(&p, 1, ms);
      if (rc < 0 && errno == EINTR) continue;
      if (rc < 0) throw_errno("poll " + who());
      if (rc == 0) return false;
      char c;
      ssize_t n = ::read(status_rd.get(), &c, 1);
      if (n < 0 && errno == EINTR) continue;
      return n == 1;
    }
  }

  // The watchdog: waits for the peer to end, for a stall, or for the destructor. On a stall or a
  // failure it calls on_failure (unblocking the caller) and kills a child.
  void watch() noexcept {
    using clock = std::chrono::steady_clock;
    const auto stall = opt.stall_timeout;
    const int tick_ms = static_cast<int>(std::clamp<long long>(stall.count() / 4, 10, 1000));
    std::uint64_t last_progress = block->progress.load(std::memory_order_relaxed);
    auto last_change = clock::now();
    pollfd fds[2] = {{status_rd.get(), POLLIN, 0}, {wake.read.get(), POLLIN, 0}};
    for (;;) {
      int rc = ::poll(fds, 2, tick_ms);
      if (rc < 0 && errno != EINTR) break;
      if (rc > 0 && fds[0].revents) {
        char c;
        (void)::read(status_rd.get(), &c, 1);
        break;  // 'D' or end-of-file (after the handshake byte): the peer has ended
      }
      if (rc > 0 && fds[1].revents) {
        char c;
        (void)::read(wake.read.get(), &c, 1);
        if (!joining) {
          abandoned = true;
          break;
        }
      }
      const auto now = clock::now();
      const std::uint64_t p = block->progress.load(std::memory_order_relaxed);
      if (p != last_progress) {
        last_progress = p;
        last_change = now;
      } else if (now - last_change > stall) {
        stalled = true;
        break;
      }
    }
    const bool ended_ok = block->outcome.load(std::memory_order_acquire) == detail::kOk;
    if (ended_ok && !stalled && !abandoned && !joining) {
      // The peer finished, but the caller has not joined: it may be blocked waiting for a message
      // that will never come (a peer that returned early). Give it stall_timeout, then unblock it.
      pollfd w{wake.read.get(), POLLIN, 0};
      int rc;
      do rc = ::poll(&w, 1, static_cast<int>(stall.count()));
      while (rc < 0 && errno == EINTR);
      if (rc == 0) {
        ended_early = true;
        // Let the peer end too: a child's exit closes its end of a kernel channel, which is what
        // unblocks a caller reading a pipe or socket. finish() releases only after this thread.
        release_peer();
        signal_failure();
      }
      return;
    }
    if (stalled || abandoned || !ended_ok) {
      block->stop.store(1, std::memory_order_release);
      if (pid > 0) ::kill(pid, SIGKILL);
      signal_failure();
    }
  }

  // Joins the thread / reaps the child and records the error, if any. Never throws.
  void finish() noexcept {
    if (watchdog.joinable()) watchdog.join();
    release_peer();  // the peer may end now: it waits for this after its body
    int status = 0;
    if (opt.model == Model::thread) {
      // After a stall the channel was aborted and stop requested: a thread blocked in a transport
      // returns; one that ignores both would hang us, which is worse than dying loudly.
      if (stalled) {
        pollfd p{status_rd.get(), POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(opt.stall_timeout.count())) == 0) {
          std::fprintf(stderr, "tvp: %s ignored the stop request for %lld ms; aborting\n",
                       who().c_str(), static_cast<long long>(opt.stall_timeout.count()));
          std::_Exit(3);
        }
      }
      if (thread.joinable()) thread.join();
    } else if (pid > 0) {
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
    const int outcome = block->outcome.load(std::memory_order_acquire);
    const std::string ms = std::to_string(opt.stall_timeout.count());
    if (stalled)
      error = who() + " made no progress for " + ms + " ms" + (pid ? ": killed" : ": stopped");
    else if (ended_early)
      error = who() + " ended early: the caller still waited for it after " + ms + " ms";
    else if (outcome == detail::kVerifyFailed)
      error = who() + " verification failed: " + block->message;
    else if (outcome == detail::kException)
      error = who() + " failed: " + block->message;
    else if (pid > 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
      error = who() + " " + describe_wait_status(status);
    else if (outcome != detail::kOk)
      error = who() + " ended without reporting an outcome";
    joined = true;
  }
};

Peer::Peer(PeerOptions options, Body body) : s_(std::make_unique<State>()) {
  s_->opt = std::move(options);
  s_->body = std::move(body);
  s_->region = boost::interprocess::anonymous_shared_memory(sizeof(PeerBlock));
  s_->block = new (s_->region.get_address()) PeerBlock();
  s_->wake = make_pipe();
  s_->release = make_pipe();
  s_->start();
  const bool ready = s_->wait_ready();
  s_->watchdog = std::thread([st = s_.get()] { st->watch(); });
  if (!ready) {
    // Either it ended before the handshake or it is stuck before it: treat the latter as a stall.
    if (s_->block->outcome.load() == detail::kRunning && s_->pid == 0) s_->stalled = true;
    if (s_->pid > 0) ::kill(s_->pid, SIGKILL);
    (void)::write(s_->wake.write.get(), "x", 1);
    s_->finish();
    throw PeerError(s_->error.value_or(s_->who() + " did not complete the start handshake"));
  }
}

Peer::~Peer() {
  if (!s_ || s_->joined) return;
  // Not joined: the caller is unwinding or gave up. Stop the peer (abort its channel, kill a child)
  // and reap it before our memory goes away.
  (void)::write(s_->wake.write.get(), "x", 1);
  s_->finish();
}

void Peer::join() {
  if (!s_->joined) {
    s_->joining = true;
    (void)::write(s_->wake.write.get(), "j", 1);  // ends the watchdog's wait for a join
    s_->finish();
  }
  if (s_->error) throw PeerError(*s_->error);
}

Usage Peer::usage() const { return s_->block->usage; }
pid_t Peer::pid() const noexcept { return s_->pid; }
const std::string& Peer::name() const noexcept { return s_->opt.name; }

}  // namespace tvp
