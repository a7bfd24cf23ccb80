// Starting a peer: what a thread, fork or posix_spawn costs, and how fork's cost grows with the
// parent's memory (page tables are copied even when pages are shared copy-on-write).
#include "charts/line_chart.hpp"
#include "figures/line_summaries.hpp"
#include "figures/series_style.hpp"
#include "model/measurement_groups.hpp"
#include "sections/family_slices.hpp"
#include "sections/sections.hpp"

namespace tvp::report {
namespace {

double spawn_time(const Measurement& m) { return m.real_time_ns; }

std::size_t positive_sizes(const Line& l) {
  std::size_t n = 0;
  for (const Measurement* m : l.points) n += m->name.bytes > 0 ? 1 : 0;
  return n;
}

}  // namespace

Section spawn_section(const Dataset& data) {
  Section section("spawn", "Spawn cost",
                  "The mean time to start a peer and wait for it to finish. The size field is "
                  "the memory the parent has touched before spawning.");
  const FamilySlices spawn = family_slices(data, "spawn");
  if (spawn.empty()) return section;
  // One chart for every placement: tvp-bench measures spawn unpinned only.
  const std::vector<Line> lines = lines_of(data, spawn.all);

  BarChart bars = bars_by_line(data, lines);
  bars.text = {"spawn", "Spawn cost",
               "mean time per spawn at each kind's smallest memory size; light = process",
               "spawn kind · model", "mean time per spawn"};
  bars.caption = "Lower is better.";
  section.charts.push_back(render(bars));

  LineChart growth;
  growth.text = {"spawn-memory", "Spawn cost against parent memory",
                 "mean time per spawn; solid = thread, dashed = process", "parent memory touched",
                 "mean time per spawn"};
  growth.caption =
      "A rising line is a cost that grows with the parent's memory, as fork's does. "
      "Runs at 0 bytes cannot sit on a log axis; they are in the bar chart above.";
  for (const Line& l : lines) {
    if (positive_sizes(l) < 2) continue;
    growth.series.push_back(series_of(data, l, spawn_time));
  }
  if (growth.series.empty()) {
    section.notes.push_back(
        "No spawn kind was measured at two or more memory sizes above 0, so "
        "there is no cost-against-memory chart.");
  } else {
    section.charts.push_back(render(growth));
  }
  section.tables.push_back(
      table_by_size(data, "Spawn cost", lines, sizes_of(spawn.all), time_cell));
  section.tables.back().note =
      "Mean time per spawn by parent memory size. " + mean_note(data, "time per spawn");
  return section;
}

}  // namespace tvp::report
