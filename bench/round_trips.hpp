// The timing code every ping-pong benchmark shares (latency over a transport, the bare system-call
// loop): one round trip per iteration, timed on the initiator's steady_clock only, every sample
// into a histogram, so threads, processes and bare loops are measured exactly alike.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>

#include "matrix.hpp"
#include "tvp/histogram.hpp"
#include "tvp/usage.hpp"

namespace tvp::bench {

struct RoundTripTimes {
  Histogram samples;
  double seconds = 0;  // sum of the samples, as given to SetIterationTime
};

// Runs state's iterations; `round_trip(i)` performs round trip i (0-based). REQUIRES: the benchmark
// uses manual time. Only the interval around round_trip() is timed: the histogram and Google
// Benchmark's bookkeeping stay outside it.
template <class RoundTrip>
void time_round_trips(benchmark::State& state, RoundTripTimes& out, RoundTrip&& round_trip) {
  using clock = std::chrono::steady_clock;
  std::uint64_t i = 0;
  for (auto _ : state) {
    const auto t0 = clock::now();
    round_trip(i);
    const auto t1 = clock::now();
    const auto ns = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
    const double s = static_cast<double>(ns) * 1e-9;
    state.SetIterationTime(s);
    out.samples.record(ns);
    out.seconds += s;
    ++i;
  }
}

// The whole initiator side of a ping-pong: `warmup` untimed round trips (seq 0..warmup-1), then
// state's iterations timed into `out` (seq warmup, warmup+1, ...). Returns the initiator's own CPU
// time and context switches over the timed part.
template <class RoundTrip>
Usage warm_then_time_round_trips(benchmark::State& state, std::uint64_t warmup, RoundTripTimes& out,
                                 RoundTrip&& round_trip) {
  for (std::uint64_t seq = 0; seq < warmup; ++seq) round_trip(seq);
  const Usage start = thread_usage_now();
  time_round_trips(state, out, [&](std::uint64_t i) { round_trip(warmup + i); });
  return thread_usage_now() - start;
}

// Warm-up round trips for a message size: enough to fault in buffers and settle the wait strategy,
// bounded in bytes so large messages do not dominate the run.
std::uint64_t warmup_round_trips(std::size_t bytes);

// Sets the latency counters: p50_ns ... max_ns from the samples, msgs_per_s (one "message" is one
// round trip here), cpu_ns_per_msg / vcsw_per_msg / ivcsw_per_msg from both sides' usage, spins
// (1 when the transport's receiver spins before blocking), and suspect (1 when the mean round trip
// on cross_core is below the run's own cache-line round trip).
void report_round_trips(benchmark::State& state, const Cell& cell, const RoundTripTimes& t,
                        const Usage& both_sides);

// A whole ping-pong benchmark after the peer has started: drives `trial` (TrialPeer or
// ChannelTrial) through warm-up and the timed round trips, joins the peer and reports.
template <class Trial, class RoundTrip>
void ping_pong(benchmark::State& state, const Cell& cell, Trial& trial, std::uint64_t warmup,
               RoundTrip&& round_trip) {
  RoundTripTimes times;
  Usage mine;
  trial.drive([&] { mine = warm_then_time_round_trips(state, warmup, times, round_trip); });
  report_round_trips(state, cell, times, mine + trial.finish());
}

}  // namespace tvp::bench
