#include "round_trips.hpp"

#include <algorithm>

#include "session.hpp"
#include "tail_latency.hpp"

namespace tvp::bench {

std::uint64_t warmup_round_trips(std::size_t bytes) {
  constexpr std::size_t kWarmupBytes = std::size_t{1} << 20;
  return std::clamp<std::uint64_t>(kWarmupBytes / bytes, 4, 200);
}

void report_tail_round_trips(benchmark::UserCounters& counters, const RoundTripTimes& times,
                             const Usage& both_sides) {
  const std::uint64_t n = times.ticks.count();
  set_tail_counters(counters, tail_of(times.ticks, times.ns_per_tick));
  counters["msgs_per_s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
  set_usage_counters(counters, both_sides, n);
}

void report_round_trips(benchmark::UserCounters& counters, const Cell& cell,
                        const RoundTripTimes& t, const Usage& both_sides) {
  report_tail_round_trips(counters, t, both_sides);
  counters["spins"] = cell.transport->spins ? 1 : 0;
}

}  // namespace tvp::bench
