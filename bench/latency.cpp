// latency/<transport>/<model>/<placement>/<bytes>: ping-pong round trips, one per iteration. One
// function serves every cell of the matrix; the transport comes from the registry row. The cells
// run as arms of paired comparisons (paired_groups.cpp), one batch per round.
#include <benchmark/benchmark.h>

#include "batch_state.hpp"
#include "families.hpp"
#include "fault_knob.hpp"
#include "matrix.hpp"
#include "round_trips.hpp"
#include "session.hpp"
#include "test_knobs.hpp"
#include "test_marker.hpp"
#include "tvp/echo.hpp"

namespace tvp::bench {
namespace {

template <class State>
void latency(State& state, const Cell& cell) {
  run_trial(state, [&] {
    const std::size_t bytes = cell.bytes;
    const std::uint64_t warmup = warmup_round_trips(bytes);
    const auto iterations = static_cast<std::uint64_t>(state.max_iterations);
    ChannelTrial trial(cell, {.max_message_bytes = bytes, .window = 1, .model = cell.model}, "echo",
                       [=](Endpoint& ep, PeerContext& ctx) {
                         PeerFault fault(*cell.transport, cell.model);
                         serve_echo(ep, ctx, bytes, fault.allow(warmup));
                         if (fault.strike(ctx)) return;
                         mark_timed_phase(cell.model);
                         ctx.mark_measure_start();
                         serve_echo(ep, ctx, bytes, fault.allow(iterations), warmup);
                         if (fault.strike(ctx)) return;
                       });
    Endpoint& ep = trial.initiator();
    TestDelay slowdown(*cell.transport);
    auto round_trip = [&](std::uint64_t seq) {
      // Before sending: a slowed transport also keeps its peer waiting.
      slowdown.before_round_trip(seq, warmup);
      send_message(ep, bytes, seq);
      receive_message(ep, bytes, seq);
    };
    ping_pong(state, cell, trial, warmup, round_trip);
  });
}

}  // namespace

BatchBody latency_batch(const Cell& cell) {
  return [cell](BatchState& state) { latency(state, cell); };
}

}  // namespace tvp::bench
