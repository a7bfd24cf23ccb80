// Latency percentiles as plain numbers, so they can cross a channel or a shared mapping from the
// side that measured them (a receiver in a child process, a sender among many) to the benchmark
// thread that reports them. Counter names follow the latency family: p50_ns ... max_ns.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <type_traits>

#include "round_trips.hpp"
#include "session.hpp"
#include "tvp/histogram.hpp"
#include "tvp/usage.hpp"

namespace tvp::bench {

// steady_clock in nanoseconds. On Linux it is CLOCK_MONOTONIC: one system-wide clock that every
// process of the machine reads alike, so times taken in a child and in the parent (or a sender's
// due time and a receiver's arrival time) may be subtracted.
inline std::int64_t monotonic_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct TailLatency {
  std::uint64_t p50_ns = 0, p90_ns = 0, p99_ns = 0, p999_ns = 0, max_ns = 0;
};
static_assert(std::is_trivially_copyable_v<TailLatency>, "sent as bytes between processes");

// `ns_per_unit` converts the histogram's unit (ns, or SampleClock ticks) to nanoseconds.
TailLatency tail_of(const Histogram& h, double ns_per_unit = 1.0) noexcept;
// Field by field maximum: the worst of several independent measurements (e.g. of several pairs).
TailLatency worst_of(const TailLatency& a, const TailLatency& b) noexcept;

// Sets p50_ns, p90_ns, p99_ns, p999_ns and max_ns.
void set_tail_counters(benchmark::UserCounters& counters, const TailLatency& t);

// The counters of a round-trip benchmark without a transport row: the tail counters, msgs_per_s
// (round trips per second) and the usage counters of both sides.
void report_tail_round_trips(benchmark::UserCounters& counters, const RoundTripTimes& times,
                             const Usage& both_sides);

}  // namespace tvp::bench
