#include "tail_latency.hpp"

#include <algorithm>

namespace tvp::bench {

TailLatency tail_of(const Histogram& h, double ns_per_unit) noexcept {
  const auto ns = [ns_per_unit](std::uint64_t v) {
    return static_cast<std::uint64_t>(static_cast<double>(v) * ns_per_unit + 0.5);
  };
  TailLatency t;
  t.samples = h.count();
  t.p50_ns = ns(h.percentile(0.50));
  t.p90_ns = ns(h.percentile(0.90));
  if (t.has_p99()) t.p99_ns = ns(h.percentile(0.99));
  if (t.has_p999()) t.p999_ns = ns(h.percentile(0.999));
  t.max_ns = ns(h.max());
  return t;
}

TailLatency worst_of(const TailLatency& a, const TailLatency& b) noexcept {
  TailLatency w;
  w.p50_ns = std::max(a.p50_ns, b.p50_ns);
  w.p90_ns = std::max(a.p90_ns, b.p90_ns);
  w.max_ns = std::max(a.max_ns, b.max_ns);
  w.samples = a.samples == 0   ? b.samples
              : b.samples == 0 ? a.samples
                               : std::min(a.samples, b.samples);
  // Only where every operand that measured something resolved the percentile.
  if (w.has_p99()) w.p99_ns = std::max(a.p99_ns, b.p99_ns);
  if (w.has_p999()) w.p999_ns = std::max(a.p999_ns, b.p999_ns);
  return w;
}

void set_tail_counters(benchmark::UserCounters& c, const TailLatency& t) {
  c["p50_ns"] = static_cast<double>(t.p50_ns);
  c["p90_ns"] = static_cast<double>(t.p90_ns);
  if (t.has_p99())
    c["p99_ns"] = static_cast<double>(t.p99_ns);
  else
    c.erase("p99_ns");
  if (t.has_p999())
    c["p999_ns"] = static_cast<double>(t.p999_ns);
  else
    c.erase("p999_ns");
  c["max_ns"] = static_cast<double>(t.max_ns);
}

}  // namespace tvp::bench
