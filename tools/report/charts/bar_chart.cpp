#include "charts/bar_chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace tvp::report {
namespace {

bool drawable(double v) { return std::isfinite(v) && v > 0; }

void check_shape(const BarChart& c) {
  bool ok = c.keys.size() == c.key_colours.size() && c.values.size() == c.groups.size();
  for (const auto& row : c.values) ok = ok && row.size() == c.keys.size();
  ok = ok && (c.group_colours.empty() || c.group_colours.size() == c.groups.size());
  ok = ok && (c.group_light.empty() || c.group_light.size() == c.groups.size());
  if (!ok) throw std::logic_error(c.text.id + ": bar chart keys, groups and values disagree");
}

}  // namespace

RenderedChart render(const BarChart& chart) {
  check_shape(chart);
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  std::vector<bool> key_used(chart.keys.size(), false);
  for (const auto& row : chart.values) {
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (!drawable(row[k])) continue;
      lo = std::min(lo, row[k]);
      hi = std::max(hi, row[k]);
      key_used[k] = true;
    }
  }
  if (hi == 0) throw std::logic_error(chart.text.id + ": a bar chart with no bars");
  for (const Rule& r : chart.rules) {
    lo = std::min(lo, r.y);
    hi = std::max(hi, r.y);
  }

  std::vector<LegendEntry> legend;
  for (std::size_t k = 0; k < chart.keys.size(); ++k) {
    if (key_used[k] && chart.group_colours.empty()) {
      legend.push_back(
          {chart.keys[k], chart.key_colours[k], "", Marker::circle, LegendEntry::Sample::box});
    }
  }
  add_rule_entries(legend, chart.rules);
  double longest = 0;
  for (const std::string& g : chart.groups) longest = std::max(longest, text_width(g));
  // Category names are slanted 35 degrees: sin(35°) of their length is height below the axis.
  const Layout layout = layout_for(legend, 20 + 0.58 * longest);
  const PlotArea& plot = layout.plot;
  // Bars grow from the bottom of the plot, so the axis starts a step below the smallest bar to
  // keep it visible.
  const LogAxis y(lo / 1.5, hi, chart.y_unit, plot.bottom(), plot.top);

  const std::size_t series =
      static_cast<std::size_t>(std::count(key_used.begin(), key_used.end(), true));
  SvgDocument svg = start_chart(layout, chart.text, series);
  draw_titles(svg, layout, chart.text);
  draw_y_axis(svg, plot, y);

  const double slot = plot.width / static_cast<double>(chart.groups.size());
  const double bar = std::min(chart.keys.size() == 1 ? 48.0 : 28.0,
                              slot * 0.8 / static_cast<double>(chart.keys.size()));
  const auto bar_left = [&](std::size_t g, std::size_t k) {
    return plot.left + slot * (static_cast<double>(g) + 0.5) -
           bar * static_cast<double>(chart.keys.size()) / 2 + bar * static_cast<double>(k);
  };
  for (std::size_t k = 0; k < chart.keys.size(); ++k) {
    if (!key_used[k]) continue;
    std::size_t bars = 0;
    for (const auto& row : chart.values) bars += drawable(row[k]) ? 1 : 0;
    svg.open("g", {{"class", "series"},
                   {"data-series", chart.keys[k]},
                   {"data-points", std::to_string(bars)}});
    for (std::size_t g = 0; g < chart.groups.size(); ++g) {
      const double v = chart.values[g][k];
      if (!drawable(v)) continue;
      const double top = y.to_pixel(v);
      const std::string& colour =
          chart.group_colours.empty() ? chart.key_colours[k] : chart.group_colours[g];
      std::vector<Attr> rect{
          {"x", px(bar_left(g, k))}, {"y", px(top)},
          {"width", px(bar - 1)},    {"height", px(std::max(1.0, plot.bottom() - top))},
          {"fill", colour},          {"data-point", "1"}};
      if (!chart.group_light.empty() && chart.group_light[g]) {
        rect.insert(rect.end(), {{"fill-opacity", "0.35"},
                                 {"stroke", colour},
                                 {"stroke-width", "1.5"},
                                 {"stroke-dasharray", "4 2"}});
      }
      svg.open("rect", rect);
      svg.element(
          "title", {},
          chart.groups[g] + ", " + chart.keys[k] + ": " + format_axis_value(v, chart.y_unit));
      svg.close();
    }
    svg.close();
  }
  svg.open("g", {{"class", "x-axis"}});
  for (std::size_t g = 0; g < chart.groups.size(); ++g) {
    const double cx = plot.left + slot * (static_cast<double>(g) + 0.5);
    const std::string x = px(cx), ty = px(plot.bottom() + 14);
    svg.element("text",
                {{"x", x},
                 {"y", ty},
                 {"text-anchor", "end"},
                 {"fill", "#222222"},
                 {"transform", "rotate(-35 " + x + " " + ty + ")"}},
                chart.groups[g]);
  }
  svg.close();
  draw_rules(svg, plot, y, chart.rules);
  draw_plot_border(svg, plot);
  draw_legend(svg, layout, legend);
  return RenderedChart{chart.text.id,    chart.text.title, chart.caption,
                       svg.standalone(), svg.fragment(),   series};
}

}  // namespace tvp::report
