// tvp::Peer: the public face of lib/src/peer/. The pieces, each owning its resources:
//   SharedPeerBlock  the report area shared with the peer (peer_block.hpp)
//   StopSignal       stop flag + on_failure, fired once (stop_signal.hpp)
//   Launch           the thread or child, its pipes and the handshake (launch.hpp)
//   Watchdog         the thread that watches for an end, a stall or an abandonment (watchdog.hpp)
//   outcome          what the end means, as a PeerError message (outcome.hpp)
// State declares them in that order, so a constructor step that throws destroys the ones already
// built in reverse: the watchdog is joined before the peer is reaped, so it never signals a pid
// that could have been recycled, and the block is unmapped last.
#include "tvp/peer.hpp"

#include <atomic>
#include <optional>

#include "peer/launch.hpp"
#include "peer/outcome.hpp"
#include "peer/peer_block.hpp"
#include "peer/stop_signal.hpp"
#include "peer/watchdog.hpp"
#include "tvp/error.hpp"

namespace tvp {
namespace {
std::atomic<long long> g_stall_ms{10'000};
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
  peer::SharedPeerBlock block;
  peer::StopSignal stop;
  peer::Launch launch;
  peer::Watchdog watchdog;
  std::optional<std::string> error;
  bool joined = false;

  State(PeerOptions options, Body body)
      : opt(std::move(options)),
        stop(block.get(), opt.on_failure),
        launch(opt, std::move(body), block.get(), stop),
        watchdog(launch, block.get(), stop, opt.stall_timeout) {}

  // Ends the watch, lets the peer end, reaps it and records the error, if any. `joining`: the
  // caller waits for the peer; otherwise it gives up and the peer is stopped. Never throws.
  void finish(bool joining) noexcept {
    const peer::Watchdog::Verdict verdict = watchdog.finish(joining);
    launch.release();  // the peer may end now: it waits for this after its body
    const peer::Ending ending{.stalled = verdict.stalled,
                              .ended_early = verdict.ended_early,
                              .wait_status = launch.reap(verdict.stalled)};
    error = peer::describe_failure(opt.name, launch.pid(), opt.stall_timeout, block.get(), ending);
    joined = true;
  }
};

Peer::Peer(PeerOptions options, Body body)
    : s_(std::make_unique<State>(std::move(options), std::move(body))) {}

Peer::~Peer() {
  // Not joined: the caller is unwinding or gave up. Stop the peer (abort its channel, kill a child)
  // and reap it before our memory goes away.
  if (s_ && !s_->joined) s_->finish(false);
}

void Peer::join() {
  if (!s_->joined) s_->finish(true);
  if (s_->error) throw PeerError(*s_->error);
}

Usage Peer::usage() const { return s_->block.get().usage; }
pid_t Peer::pid() const noexcept { return s_->launch.pid(); }
const std::string& Peer::name() const noexcept { return s_->opt.name; }

}  // namespace tvp
