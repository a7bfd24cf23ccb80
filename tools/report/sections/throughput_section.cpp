// Streaming throughput: bytes per second against message size, one chart per placement, with the
// run's memcpy bandwidth as the ceiling a copy-based transport cannot beat.
#include <cmath>

#include "figures/floor_reference.hpp"
#include "figures/line_summaries.hpp"
#include "figures/series_style.hpp"
#include "model/measurement_groups.hpp"
#include "sections/family_slices.hpp"
#include "sections/sections.hpp"
#include "text/ratio_text.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

double bytes_per_second(const Measurement& m) { return m.counter("bytes_per_second"); }

std::string rate_cell(const Measurement& m) {
  const double v = bytes_per_second(m);
  return std::isnan(v) ? "—" : format_rate(v);
}

Table throughput_table(const Dataset& data, const std::string& placement,
                       const std::vector<Line>& lines, const std::vector<std::uint64_t>& sizes) {
  Table t = table_by_size(data, "Throughput, " + placement, lines, sizes, rate_cell);
  const std::uint64_t largest = sizes.back();
  t.columns.push_back("÷ memcpy @ " + format_bytes(static_cast<double>(largest)));
  t.numeric.resize(t.columns.size(), true);
  t.note = "Bytes per second (decimal units), per benchmark " + per_benchmark_statistic(data) +
           "; ÷ memcpy = share of the run's memcpy bandwidth";
  t.note += data.any_paired() ? ", paired (memcpy measured in the same rounds) with its [95% "
                                "interval] where the report has paired rounds."
                              : ".";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Measurement* m = lines[i].at(largest);
    if (const RatioEstimate* r = m ? data.ratio(m->run, "ratio_to_memcpy", m->run_name) : nullptr) {
      t.rows[i].push_back(ratio_cell(r->ratio));
      continue;
    }
    const auto floor = memcpy_floor(data, lines[i].run, placement);
    double share = NAN;
    if (m && floor) {
      for (const Point& p : floor->points) {
        if (p.x == static_cast<double>(largest)) share = bytes_per_second(*m) / p.y;
      }
    }
    t.rows[i].push_back(std::isnan(share) ? "—" : format_ratio(share));
  }
  return t;
}

}  // namespace

Section throughput_section(const Dataset& data) {
  Section section("throughput", "Throughput",
                  "A one-way stream of messages of the given size; bytes per second as Google "
                  "Benchmark's SetBytesProcessed reports it.");
  const FamilySlices throughput = family_slices(data, "throughput");
  if (throughput.empty()) return section;
  std::vector<std::string> missing;
  for (const Measurement* m : throughput.all) {
    if (std::isnan(bytes_per_second(*m))) missing.push_back(m->run_name);
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string& n : missing) list += (list.empty() ? "" : ", ") + n;
    section.notes.push_back("No bytes_per_second counter, not charted: " + list);
  }
  for (const auto& [placement, here, lines] : throughput.by_placement) {
    LineChart chart;
    chart.text = {"throughput-" + placement, "Throughput, " + placement,
                  "bytes per second per message size; solid = thread, dashed = process",
                  "message size", "throughput (decimal units)"};
    chart.caption =
        "Higher is better. The thick grey line is the run's memcpy bandwidth on one CPU; across "
        "cores, the dashed grey line is the run's floor/stream (buffers written on one CPU and "
        "read on the other, double-buffered): moving the bytes between caches with nothing else in "
        "the way, a reference rather than a ceiling (a deeper pipeline may pass it).";
    chart.y_unit = AxisUnit::rate;
    for (std::size_t run = 0; run < data.runs.size(); ++run) {
      if (auto floor = memcpy_floor(data, run, placement))
        chart.series.push_back(std::move(*floor));
      if (auto floor = stream_floor(data, run, placement))
        chart.series.push_back(std::move(*floor));
    }
    std::size_t data_series = 0;
    for (const Line& l : lines) {
      Series s = series_of(data, l, bytes_per_second);
      if (s.points.empty()) continue;
      chart.series.push_back(std::move(s));
      ++data_series;
    }
    // A chart holding only the floor would pass for a result; say why there is none instead.
    if (data_series == 0) {
      section.notes.push_back("No throughput chart for " + placement +
                              ": no benchmark there has bytes_per_second at a size above 0.");
    } else {
      section.charts.push_back(render(chart));
    }
    const std::vector<std::uint64_t> sizes = sizes_of(here);
    const std::uint64_t chosen = choose_size(sizes, std::nullopt, "throughput");
    section.tables.push_back(throughput_table(data, placement, lines, key_sizes(sizes, chosen)));
  }
  return section;
}

}  // namespace tvp::report
