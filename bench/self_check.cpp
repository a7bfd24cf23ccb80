#include "self_check.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "tvp/floor_probe.hpp"
#include "tvp/placement.hpp"

namespace tvp::bench {
namespace {

struct Floor {
  double cacheline_roundtrip_ns = NAN;
  std::map<std::size_t, double> memcpy_bytes_per_second;
};

Floor& floor_values() {
  static Floor f;
  return f;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4g", v);
  return buf;
}

}  // namespace

void measure_floor(const BenchConfig& c) {
  Floor& f = floor_values();
  std::string cacheline = "not measured: only one CPU";
  if (allowed_cpu_count() >= 2) {
    const auto [a, b] = cpus_for(Placement::cross_core);
    try {
      f.cacheline_roundtrip_ns = cacheline_roundtrip_ns(a, b);
      cacheline = number(f.cacheline_roundtrip_ns);
    } catch (const std::exception& e) {
      cacheline = std::string("not measured: ") + e.what();
      // Without the floor nothing can be flagged; say so rather than stop the whole run.
      std::fprintf(stderr, "tvp-bench: warning: cache-line floor not measured: %s\n", e.what());
    }
  }
  std::string memcpy_list;
  for (std::size_t bytes : c.sizes) {
    const double bps = memcpy_bytes_per_second(bytes);
    f.memcpy_bytes_per_second[bytes] = bps;
    memcpy_list += (memcpy_list.empty() ? "" : ",") + std::to_string(bytes) + ":" + number(bps);
  }
  benchmark::AddCustomContext("tvp_floor_cacheline_roundtrip_ns", cacheline);
  benchmark::AddCustomContext("tvp_floor_memcpy_bytes_per_second", memcpy_list);
}

bool latency_suspect(const Cell& cell, double mean_round_trip_ns) {
  // Only cross_core is bounded by the cache-line round trip between those two CPUs; on one core
  // or unpinned the hand-over is a different mechanism.
  const double floor = floor_values().cacheline_roundtrip_ns;
  return cell.placement == Placement::cross_core && !std::isnan(floor) &&
         mean_round_trip_ns < floor;
}

bool throughput_suspect(const Cell& cell, double bytes_per_second) {
  const auto& m = floor_values().memcpy_bytes_per_second;
  const auto it = m.find(cell.bytes);
  return cell.transport->copies && it != m.end() && bytes_per_second > it->second;
}

}  // namespace tvp::bench
