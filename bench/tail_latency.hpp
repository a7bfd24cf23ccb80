// Latency percentiles as plain numbers, so they can cross a channel or a shared mapping from the
// side that measured them (a receiver in a child process, a sender among many) to the benchmark
// thread that reports them. Counter names follow the latency family: p50_ns ... max_ns.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <type_traits>

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

// A percentile is reported only where the sample can resolve it: p99 from 1,000 samples (ten above
// it), p99.9 from 10,000. With fewer, the top ranks are the one or two largest samples — p99.9 of
// 999 samples is the maximum itself — and a number would claim a tail nobody measured.
inline constexpr std::uint64_t kMinSamplesForP99 = 1'000;
inline constexpr std::uint64_t kMinSamplesForP999 = 10'000;

struct TailLatency {
  std::uint64_t p50_ns = 0, p90_ns = 0, p99_ns = 0, p999_ns = 0, max_ns = 0;
  // The samples behind the percentiles (for worst_of: behind the least-sampled operand). p99_ns
  // and p999_ns are 0, and not reported, below their kMinSamplesFor*. 0: nothing measured.
  std::uint64_t samples = 0;

  bool has_p99() const noexcept { return samples >= kMinSamplesForP99; }
  bool has_p999() const noexcept { return samples >= kMinSamplesForP999; }
};
static_assert(std::is_trivially_copyable_v<TailLatency>, "sent as bytes between processes");

// `ns_per_unit` converts the histogram's unit (ns, or SampleClock ticks) to nanoseconds. `samples`
// is h.count(); p99_ns / p999_ns stay 0 where h holds too few samples for them.
TailLatency tail_of(const Histogram& h, double ns_per_unit = 1.0) noexcept;
// The worst of several independent measurements (e.g. of several pairs): each percentile is the
// largest of the operands', and `samples` the smallest non-zero count (an operand with 0 measured
// nothing and is ignored). Not the sum: the result's p99 is one operand's p99, taken from that
// operand's histogram alone, so it is only as well resolved as the least-sampled histogram — ten
// pairs of 1,000 samples each have no p99.9, although 10,000 samples were taken in all.
TailLatency worst_of(const TailLatency& a, const TailLatency& b) noexcept;

// Sets p50_ns, p90_ns and max_ns; p99_ns and p999_ns only where t.has_p99() / t.has_p999(), and
// erases them otherwise (`counters` may come from an earlier run), so an unresolved percentile is
// absent from the report, never a number.
void set_tail_counters(benchmark::UserCounters& counters, const TailLatency& t);

}  // namespace tvp::bench
