#include "figures/line_summaries.hpp"

#include <algorithm>
#include <cmath>

#include "charts/chart_style.hpp"
#include "figures/series_style.hpp"
#include "text/units.hpp"

namespace tvp::report {

std::string time_cell(const Measurement& m) { return format_duration_ns(m.real_time_ns); }

std::string per_benchmark_statistic(const Dataset& data) {
  const bool paired = data.any_paired();
  const bool unpaired =
      std::any_of(data.runs.begin(), data.runs.end(), [](const Run& r) { return !r.paired; });
  if (paired && unpaired) {
    return "the mean of its rounds or repetitions, or the median of its repetitions in reports "
           "without paired rounds";
  }
  return paired ? "the mean of its rounds (paired cells) or repetitions"
                : "the median of its repetitions when repeated";
}

std::string mean_note(const Dataset& data, const std::string& what) {
  return "Mean " + what +
         " = Google Benchmark's real_time, averaged over a batch of iterations; per benchmark " +
         per_benchmark_statistic(data) + ".";
}

Table table_by_size(const Dataset& data, std::string title, const std::vector<Line>& lines,
                    const std::vector<std::uint64_t>& sizes,
                    const std::function<std::string(const Measurement&)>& cell) {
  std::vector<std::string> columns = line_name_columns(data, lines);
  const std::size_t names = columns.size();
  for (std::uint64_t s : sizes) columns.push_back(format_bytes(static_cast<double>(s)));
  Table t = make_table(std::move(title), columns, names);
  for (const Line& l : lines) {
    std::vector<std::string> row = line_name_cells(data, lines, l);
    for (std::uint64_t s : sizes) {
      const Measurement* m = l.at(s);
      row.push_back(m ? cell(*m) : "—");
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

BarChart bars_by_line(const Dataset& data, const std::vector<Line>& lines) {
  BarChart chart;
  for (std::size_t run = 0; run < data.runs.size(); ++run) {
    chart.keys.push_back(data.several_runs() ? data.runs[run].label : "mean");
    chart.key_colours.push_back(colour_for_run(run));
  }
  for (const Line& l : lines) {
    const std::string group = line_group_name(l);
    const std::uint64_t bytes = l.points.front()->name.bytes;  // lines are sorted by size
    const std::string label =
        bytes == 0 ? group : group + " (" + format_bytes(static_cast<double>(bytes)) + ")";
    auto it = std::find(chart.groups.begin(), chart.groups.end(), label);
    if (it == chart.groups.end()) {
      chart.groups.push_back(label);
      chart.values.emplace_back(data.runs.size(), NAN);
      it = std::prev(chart.groups.end());
    }
    const auto g = static_cast<std::size_t>(it - chart.groups.begin());
    if (chart.group_light.size() < chart.groups.size()) {
      chart.group_light.push_back(l.model != "thread");
      if (!data.several_runs()) {
        chart.group_colours.push_back(transport_colour(data, l.transport));
      }
    }
    chart.values[g][l.run] = l.points.front()->real_time_ns;
  }
  return chart;
}

}  // namespace tvp::report
