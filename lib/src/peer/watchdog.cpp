#include "peer/watchdog.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "peer/fault_injection.hpp"

namespace tvp::peer {
namespace {

PipeFds make_wake_pipe() {
  inject(Step::watchdog_pipe, "pipe2 (watchdog wake-up)");
  return make_pipe();
}

}  // namespace

Watchdog::Watchdog(Launch& peer, const PeerBlock& block, StopSignal& stop,
                   std::chrono::milliseconds stall_timeout)
    : peer_(peer), block_(block), stop_(stop), stall_(stall_timeout), wake_(make_wake_pipe()) {
  inject(Step::watchdog_thread, "start the peer watchdog thread");
  thread_ = std::thread([this] { watch(); });
}

Watchdog::Verdict Watchdog::finish(bool joining) noexcept {
  if (thread_.joinable()) {
    joining_ = joining;
    (void)::write(wake_.write.get(), joining ? "j" : "x", 1);
    thread_.join();
  }
  return {stalled_.load(), ended_early_.load()};
}

void Watchdog::watch() noexcept {
  using clock = std::chrono::steady_clock;
  const int tick_ms = static_cast<int>(std::clamp<long long>(stall_.count() / 4, 10, 1000));
  std::uint64_t last_progress = block_.progress.load(std::memory_order_relaxed);
  auto last_change = clock::now();
  bool abandoned = false;
  pollfd fds[2] = {{peer_.status_fd(), POLLIN, 0}, {wake_.read.get(), POLLIN, 0}};
  for (;;) {
    int rc = ::poll(fds, 2, tick_ms);
    if (rc < 0 && errno != EINTR) break;
    if (rc > 0 && fds[0].revents) {
      char c;
      (void)::read(peer_.status_fd(), &c, 1);
      break;  // kEndedByte or end-of-file (after the handshake byte): the peer has ended
    }
    if (rc > 0 && fds[1].revents) {
      char c;
      (void)::read(wake_.read.get(), &c, 1);
      if (!joining_) {
        abandoned = true;
        break;
      }
    }
    const auto now = clock::now();
    const std::uint64_t p = block_.progress.load(std::memory_order_relaxed);
    if (p != last_progress) {
      last_progress = p;
      last_change = now;
    } else if (now - last_change > stall_) {
      stalled_ = true;
      break;
    }
  }
  const bool ended_ok = block_.outcome.load(std::memory_order_acquire) == kOk;
  if (ended_ok && !stalled_ && !abandoned && !joining_) return await_join();
  if (stalled_ || abandoned || !ended_ok) {
    peer_.kill();
    stop_.fire();
  }
}

void Watchdog::await_join() noexcept {
  // The peer finished, but the caller has not joined: it may be blocked waiting for a message that
  // will never come (a peer that returned early). Give it stall_timeout, then unblock it.
  pollfd w{wake_.read.get(), POLLIN, 0};
  int rc;
  do rc = ::poll(&w, 1, static_cast<int>(stall_.count()));
  while (rc < 0 && errno == EINTR);
  if (rc != 0) return;
  ended_early_ = true;
  // Let the peer end too: a child's exit closes its end of a kernel channel, which is what
  // unblocks a caller reading a pipe or socket. The caller releases only after joining us.
  peer_.release();
  stop_.fire();
}

}  // namespace tvp::peer
