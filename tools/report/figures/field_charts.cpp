#include "figures/field_charts.hpp"

#include <algorithm>
#include <cmath>

#include "charts/bar_chart.hpp"
#include "charts/chart_style.hpp"
#include "charts/line_chart.hpp"
#include "figures/series_style.hpp"

namespace tvp::report {
namespace {

bool drawable(double v) { return std::isfinite(v) && v > 0; }

std::size_t distinct_x(const std::vector<Line>& lines) {
  std::vector<double> xs;
  for (const Line& l : lines) {
    for (const Measurement* m : l.points) {
      const double x = l.x(*m);
      if (drawable(x) && std::find(xs.begin(), xs.end(), x) == xs.end()) xs.push_back(x);
    }
  }
  return xs.size();
}

}  // namespace

double counter_value(const Measurement& m, const CounterView& view) {
  return view.counter.empty() ? m.real_time_ns : m.counter(view.counter);
}

std::optional<RenderedChart> counter_against_field(const Dataset& data, const ChartText& text,
                                                   const Measurements& ms, const std::string& field,
                                                   const CounterView& view) {
  const std::vector<Line> lines = lines_against(data, ms, field);
  if (distinct_x(lines) < 2) return counter_bars_by_field(data, text, ms, "", view);
  LineChart chart;
  chart.text = text;
  chart.x_unit = AxisUnit::count;
  chart.y_unit = view.unit;
  for (const Line& l : lines) {
    Series s = series_of(data, l, [&](const Measurement& m) { return counter_value(m, view); });
    if (!s.points.empty()) chart.series.push_back(std::move(s));
  }
  if (chart.series.empty()) return std::nullopt;
  return render(chart);
}

std::optional<RenderedChart> counter_bars_by_field(const Dataset& data, const ChartText& text,
                                                   const Measurements& ms, const std::string& field,
                                                   const CounterView& view) {
  BarChart chart;
  chart.text = text;
  chart.y_unit = view.unit;
  const std::vector<std::string> keys =
      field.empty() ? std::vector<std::string>{view.name} : field_values(data, ms, field);
  for (const std::string& k : keys) {
    chart.keys.push_back(field.empty() ? k : field + ":" + k);
    // A field value (codec:msgpack) is no transport: no report gives it a colour.
    chart.key_colours.push_back(field.empty() ? colour_for_run(0) : hashed_colour(k));
  }
  bool any = false;
  // With no field every line is its own group, so its points differ only by size: one each.
  for (const Line& l : field.empty() ? lines_of(data, ms) : lines_against(data, ms, field)) {
    std::vector<double> row(keys.size(), NAN);
    for (const Measurement* m : l.points) {
      const auto k =
          field.empty() ? keys.begin() : std::find(keys.begin(), keys.end(), m->field(field));
      const double v = counter_value(*m, view);
      row[static_cast<std::size_t>(k - keys.begin())] = v;
      any = any || drawable(v);
    }
    chart.groups.push_back(line_label(data, l));
    chart.values.push_back(std::move(row));
    chart.group_light.push_back(l.model != "thread");
    if (field.empty()) chart.group_colours.push_back(transport_colour(data, l.transport));
  }
  if (!any) return std::nullopt;
  return render(chart);
}

}  // namespace tvp::report
