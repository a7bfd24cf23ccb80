// Families this tool has no dedicated view for (sync today; openloop, scaling, ownership,
// structured as they are added) still get a chart and a table without code changes: mean time
// per iteration against size, one line per transport × model, or bars when each has one size.
#include "charts/line_chart.hpp"
#include "figures/line_summaries.hpp"
#include "figures/series_style.hpp"
#include "model/measurement_groups.hpp"
#include "sections/family_slices.hpp"
#include "sections/sections.hpp"

namespace tvp::report {
namespace {

constexpr std::size_t kMaxTableSizes = 8;

double iteration_time(const Measurement& m) { return m.real_time_ns; }

bool has_size_axis(const std::vector<std::uint64_t>& sizes) {
  std::size_t positive = 0;
  for (std::uint64_t s : sizes) positive += s > 0 ? 1 : 0;
  return positive >= 2;
}

RenderedChart family_chart(const Dataset& data, const std::string& family,
                           const std::string& placement, const std::vector<Line>& lines,
                           bool by_size) {
  const std::string id = family + "-" + placement;
  const std::string title = family + ", " + placement;
  if (!by_size) {
    BarChart bars = bars_by_line(data, lines);
    bars.text = {id, title, "mean time per iteration; light, dashed outline = process",
                 "transport · model", "mean time per iteration"};
    bars.caption = "Lower is better.";
    return render(bars);
  }
  LineChart chart;
  chart.text = {id, title, "mean time per iteration; solid = thread, dashed = process", "size",
                "mean time per iteration"};
  chart.caption = "Lower is better.";
  for (const Line& l : lines) {
    Series s = series_of(data, l, iteration_time);
    if (!s.points.empty()) chart.series.push_back(std::move(s));
  }
  return render(chart);
}

}  // namespace

Section generic_section(const Dataset& data, const std::string& family) {
  Section section("family-" + family, family,
                  "Mean time per iteration of the `" + family + "` benchmarks.");
  const FamilySlices slices = family_slices(data, family);
  for (const auto& [placement, here, lines] : slices.by_placement) {
    std::vector<std::uint64_t> sizes = sizes_of(here);
    section.charts.push_back(family_chart(data, family, placement, lines, has_size_axis(sizes)));
    if (sizes.size() > kMaxTableSizes) sizes = key_sizes(sizes, choose_size(sizes, {}, family));
    section.tables.push_back(
        table_by_size(data, family + ", " + placement, lines, sizes, time_cell));
    section.tables.back().note = "Mean time per iteration by size. " + mean_note(data);
  }
  return section;
}

}  // namespace tvp::report
