#include "figures/floor_reference.hpp"

#include <cmath>
#include <tuple>

#include "charts/chart_style.hpp"
#include "figures/series_style.hpp"
#include "model/measurement_groups.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

// The floor measurements of one kind for a run, restricted to `placement` when it has any.
Measurements floor_candidates(const Dataset& data, std::size_t run, const std::string& kind,
                              const std::string& placement) {
  Measurements all;
  for (const Measurement* m : data.family("floor")) {
    if (m->run == run && m->name.transport == kind) all.push_back(m);
  }
  Measurements same = with_placement(all, placement);
  return same.empty() ? all : same;
}

}  // namespace

std::optional<FloorValue> latency_floor(const Dataset& data, std::size_t run,
                                        const std::string& placement, LatencyFloor kind) {
  const bool one = kind == LatencyFloor::one_line;
  const Measurements candidates =
      floor_candidates(data, run, one ? "cacheline" : "cacheline_pair", placement);
  const Measurement* best = nullptr;
  const auto rank = [](const Measurement* m) {
    return std::make_tuple(m->name.model == "thread" ? 0 : 1, m->name.bytes);
  };
  for (const Measurement* m : candidates) {
    if (!best || rank(m) < rank(best)) best = m;
  }
  if (!best) return std::nullopt;
  std::string label =
      std::string(one ? "floor: cacheline round trip, " : "floor: a line per direction, ") +
      best->name.placement + " (" + format_duration_ns(best->real_time_ns) + ")";
  label += data.run_suffix(run);
  return FloorValue{best->real_time_ns, label};
}

namespace {

std::optional<Series> rate_floor(const Dataset& data, std::size_t run,
                                 const Measurements& candidates, const std::string& what) {
  const std::vector<Line> lines = lines_of(data, candidates);
  if (lines.empty()) return std::nullopt;
  Series s = series_of(data, lines.front(),
                       [](const Measurement& m) { return m.counter("bytes_per_second"); });
  if (s.points.empty()) return std::nullopt;
  s.name = "floor: " + what + ", " + lines.front().points.front()->name.placement;
  s.name += data.run_suffix(run);
  s.colour = kReferenceColour;
  s.dash.clear();
  s.reference = true;
  return s;
}

}  // namespace

std::optional<Series> memcpy_floor(const Dataset& data, std::size_t run,
                                   const std::string& placement) {
  return rate_floor(data, run, floor_candidates(data, run, "memcpy", placement), "memcpy");
}

std::optional<Series> stream_floor(const Dataset& data, std::size_t run,
                                   const std::string& placement) {
  // Exactly this placement (no fall-back to another): it is measured across cores only.
  const Measurements same =
      with_placement(floor_candidates(data, run, "stream", placement), placement);
  auto s = rate_floor(data, run, same, "one CPU writes, the other reads");
  if (s) s->dash = "6,4";
  return s;
}

}  // namespace tvp::report
