#include "tail_latency.hpp"

#include <algorithm>

namespace tvp::bench {

TailLatency tail_of(const Histogram& h, double ns_per_unit) noexcept {
  const auto ns = [ns_per_unit](std::uint64_t v) {
    return static_cast<std::uint64_t>(static_cast<double>(v) * ns_per_unit + 0.5);
  };
  return {ns(h.percentile(0.50)), ns(h.percentile(0.90)), ns(h.percentile(0.99)),
          ns(h.percentile(0.999)), ns(h.max())};
}

TailLatency worst_of(const TailLatency& a, const TailLatency& b) noexcept {
  return {std::max(a.p50_ns, b.p50_ns), std::max(a.p90_ns, b.p90_ns), std::max(a.p99_ns, b.p99_ns),
          std::max(a.p999_ns, b.p999_ns), std::max(a.max_ns, b.max_ns)};
}

void set_tail_counters(benchmark::UserCounters& c, const TailLatency& t) {
  c["p50_ns"] = static_cast<double>(t.p50_ns);
  c["p90_ns"] = static_cast<double>(t.p90_ns);
  c["p99_ns"] = static_cast<double>(t.p99_ns);
  c["p999_ns"] = static_cast<double>(t.p999_ns);
  c["max_ns"] = static_cast<double>(t.max_ns);
}

void report_tail_round_trips(benchmark::UserCounters& counters, const RoundTripTimes& times,
                             const Usage& both_sides) {
  const std::uint64_t n = times.ticks.count();
  set_tail_counters(counters, tail_of(times.ticks, times.ns_per_tick));
  counters["msgs_per_s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
  set_usage_counters(counters, both_sides, n);
}

}  // namespace tvp::bench
