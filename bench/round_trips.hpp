// The timing code every ping-pong benchmark shares (latency over a transport, the bare system-call
// loop): one round trip per iteration, every sample into a histogram, so threads, processes and
// bare loops are measured exactly alike. Timed on the initiator only, with the SampleClock.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>

#include "matrix.hpp"
#include "tvp/histogram.hpp"
#include "tvp/sample_clock.hpp"
#include "tvp/usage.hpp"

namespace tvp::bench {

struct RoundTripTimes {
  Histogram ticks;          // one sample per round trip, in SampleClock ticks
  double ns_per_tick = 1;   // the SampleClock's ratio
  double seconds = 0;       // sum of the samples, as given to SetIterationTime
  double mean_ns() const noexcept { return ticks.mean() * ns_per_tick; }
};

// Runs state's iterations; `round_trip(i)` performs round trip i (0-based). REQUIRES: the benchmark
// uses manual time. `State` here and below: benchmark::State or BatchState.
// One clock read per round trip, not two: the samples are chained, each from the end of the
// previous round trip to the end of this one, so together they cover the timed loop without a gap
// or an overlap, and the ~5 ns of bookkeeping between round trips (histogram, Google Benchmark's
// loop) is inside the samples instead of a second clock read (~25-46 ns on the reference VM). The
// first sample starts inside the first iteration, after Google Benchmark has started its timers.
template <class State, class RoundTrip>
void time_round_trips(State& state, RoundTripTimes& out, RoundTrip&& round_trip) {
  const SampleClock& clock = SampleClock::get();
  out.ns_per_tick = clock.ns_per_tick();
  const double seconds_per_tick = out.ns_per_tick * 1e-9;
  std::uint64_t i = 0, last = 0;
  for (auto _ : state) {
    if (i == 0) last = clock.now();
    round_trip(i);
    const std::uint64_t now = clock.now();
    const std::uint64_t ticks = now - last;
    last = now;
    const double s = static_cast<double>(ticks) * seconds_per_tick;
    state.SetIterationTime(s);
    out.ticks.record(ticks);
    out.seconds += s;
    ++i;
  }
}

// The whole initiator side of a ping-pong: `warmup` untimed round trips (seq 0..warmup-1), then
// state's iterations timed into `out` (seq warmup, warmup+1, ...). Returns the initiator's own CPU
// time and context switches over the timed part.
template <class State, class RoundTrip>
Usage warm_then_time_round_trips(State& state, std::uint64_t warmup, RoundTripTimes& out,
                                 RoundTrip&& round_trip) {
  for (std::uint64_t seq = 0; seq < warmup; ++seq) round_trip(seq);
  const Usage start = thread_usage_now();
  time_round_trips(state, out, [&](std::uint64_t i) { round_trip(warmup + i); });
  return thread_usage_now() - start;
}

// Warm-up round trips for a message size: enough to fault in buffers and settle the wait strategy,
// bounded in bytes so large messages do not dominate the run.
std::uint64_t warmup_round_trips(std::size_t bytes);

// The counters of a round-trip benchmark without a transport row: the tail counters, msgs_per_s
// (round trips per second) and the usage counters of both sides.
void report_tail_round_trips(benchmark::UserCounters& counters, const RoundTripTimes& times,
                             const Usage& both_sides);

// Sets the latency counters: p50_ns ... max_ns from the samples, msgs_per_s (one "message" is one
// round trip here), cpu_ns_per_msg / vcsw_per_msg / ivcsw_per_msg from both sides' usage, and spins
// (1 when the transport's receiver spins before blocking). Whether the result is faster than the
// machine allows (`suspect`) is decided by the paired runner against the floor measured in the
// same round (paired_runner.hpp).
void report_round_trips(benchmark::UserCounters& counters, const Cell& cell,
                        const RoundTripTimes& t, const Usage& both_sides);

// A whole ping-pong benchmark after the peer has started: drives `trial` (TrialPeer or
// ChannelTrial) through warm-up and the timed round trips, joins the peer and reports.
template <class State, class Trial, class RoundTrip>
void ping_pong(State& state, const Cell& cell, Trial& trial, std::uint64_t warmup,
               RoundTrip&& round_trip) {
  RoundTripTimes times;
  Usage mine;
  trial.drive([&] { mine = warm_then_time_round_trips(state, warmup, times, round_trip); });
  report_round_trips(state.counters, cell, times, mine + trial.finish());
}

}  // namespace tvp::bench
