// throughput/<transport>/<model>/<placement>/<bytes>: one-way streaming, one message per iteration.
// The initiator keeps up to `window` messages in flight; the peer verifies every message (sequence,
// size, checksum) and acknowledges every `batch` of them with a small message carrying its verified
// count, which the initiator checks. The clock stops only when the last message has been verified.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>

#include "batch_state.hpp"
#include "families.hpp"
#include "fault_knob.hpp"
#include "matrix.hpp"
#include "session.hpp"
#include "test_knobs.hpp"
#include "test_marker.hpp"
#include "tvp/echo.hpp"

namespace tvp::bench {
namespace {

// Messages in flight: about 4 MiB, so small messages are not throttled by acknowledgements and
// large ones do not need huge buffers; at least 2 so the sender never waits for each message.
std::size_t window_for(std::size_t bytes) {
  constexpr std::size_t kInFlightBytes = std::size_t{4} << 20;
  return std::clamp<std::size_t>(kInFlightBytes / bytes, 2, 64);
}

// An acknowledgement: a canonical message whose sequence number is the receiver's verified count.
// At most `window` of them are ever unread, which every transport buffers for any message size.
std::size_t ack_bytes(std::size_t bytes) { return std::min<std::size_t>(bytes, 8); }

// One phase of the stream (warm-up or measured): messages first .. first+count-1.
struct Phase {
  std::uint64_t first, count, batch;
  // The receiver acknowledges after every `batch` messages and after the last one.
  bool acks_after(std::uint64_t received) const {
    return received % batch == 0 || received == count;
  }
};

// Peer side: receives and verifies a phase, acknowledging as it goes.
// Returns false when the test fault struck and the peer must stop.
bool sink(Endpoint& ep, PeerContext& ctx, std::size_t bytes, const Phase& p, PeerFault& fault) {
  const std::uint64_t n = fault.allow(p.count);
  for (std::uint64_t i = 0; i < n; ++i) {
    receive_message(ep, bytes, p.first + i);
    ctx.progress();
    if (p.acks_after(i + 1)) send_message(ep, ack_bytes(bytes), p.first + i + 1);
  }
  return !fault.strike(ctx);
}

// Initiator side of a phase: the acknowledgements it has read so far.
class Sender {
 public:
  Sender(Endpoint& ep, std::size_t bytes, std::size_t window, const Phase& p)
      : ep_(ep), bytes_(bytes), window_(window), p_(p) {}

  // Sends message i of the phase (0-based, in order), first waiting while `window` are
  // unacknowledged.
  void send(std::uint64_t i) {
    while (i - acked_ >= window_) read_ack();
    send_message(ep_, bytes_, p_.first + i);
  }
  // Waits until the receiver has verified every message of the phase.
  void drain() {
    while (acked_ < p_.count) read_ack();
  }

 private:
  void read_ack() {
    const std::uint64_t next = std::min(acked_ + p_.batch, p_.count);
    receive_message(ep_, ack_bytes(bytes_), p_.first + next);
    acked_ = next;
  }

  Endpoint& ep_;
  std::size_t bytes_, window_;
  Phase p_;
  std::uint64_t acked_ = 0;
};

// Sets bytes_per_second and msgs_per_s (rates over the manual time), the usage counters, window
// and spins. Whether a copying transport beat memcpy (`suspect`) is decided by the paired runner
// against memcpy measured in the same round.
template <class State>
void report_stream(State& state, const Cell& cell, std::size_t window, const Usage& both_sides) {
  const auto n = static_cast<std::uint64_t>(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(n * cell.bytes));
  state.counters["msgs_per_s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
  set_usage_counters(state, both_sides, n);
  state.counters["window"] = static_cast<double>(window);
  state.counters["spins"] = cell.transport->spins ? 1 : 0;
}

template <class State>
void throughput(State& state, const Cell& cell) {
  run_trial(state, [&] {
    using clock = std::chrono::steady_clock;
    const std::size_t bytes = cell.bytes;
    const std::size_t window = window_for(bytes);
    const std::uint64_t batch = std::max<std::uint64_t>(1, window / 2);
    const auto n = static_cast<std::uint64_t>(state.max_iterations);
    // Warm-up: at least twice the window so every buffer slot has been written, bounded in bytes.
    const Phase warm{0, std::clamp<std::uint64_t>((2u << 20) / bytes, 2 * window, 1000), batch};
    const Phase timed{warm.count, n, batch};
    ChannelTrial trial(cell, {.max_message_bytes = bytes, .window = window, .model = cell.model},
                       "sink", [=](Endpoint& ep, PeerContext& ctx) {
                         PeerFault fault(*cell.transport, cell.model);
                         if (!sink(ep, ctx, bytes, warm, fault)) return;
                         mark_timed_phase(cell.model);
                         ctx.mark_measure_start();
                         sink(ep, ctx, bytes, timed, fault);
                       });
    Endpoint& ep = trial.initiator();
    TestDelay slowdown(*cell.transport);
    Usage mine;
    trial.drive([&] {
      Sender w(ep, bytes, window, warm);
      const auto warm_start = clock::now();
      for (std::uint64_t i = 0; i < warm.count; ++i) w.send(i);
      w.drain();
      slowdown.calibrate((clock::now() - warm_start) / static_cast<std::int64_t>(warm.count));
      const Usage start = thread_usage_now();
      Sender s(ep, bytes, window, timed);
      // The clock is read once per batch, not per message: for small messages a clock read per
      // message would be a large part of what is measured.
      auto last = clock::now();
      std::uint64_t i = 0;
      for (auto _ : state) {
        slowdown.before_message();
        s.send(i);
        if (++i == n) s.drain();
        if (i % batch == 0 || i == n) {
          const auto now = clock::now();
          const double dt = std::chrono::duration<double>(now - last).count();
          state.SetIterationTime(dt);
          last = now;
        }
      }
      mine = thread_usage_now() - start;
    });
    report_stream(state, cell, window, mine + trial.finish());
  });
}

}  // namespace

BatchBody throughput_batch(const Cell& cell) {
  return [cell](BatchState& state) { throughput(state, cell); };
}

}  // namespace tvp::bench
