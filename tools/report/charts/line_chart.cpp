#include "charts/line_chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace tvp::report {
namespace {

struct Extent {
  double x_min = std::numeric_limits<double>::infinity();
  double x_max = 0;
  double y_min = std::numeric_limits<double>::infinity();
  double y_max = 0;
};

Extent extent_of(const LineChart& chart) {
  Extent e;
  std::size_t points = 0;
  for (const Series& s : chart.series) {
    for (const Point& p : s.points) {
      if (!(p.x > 0 && p.y > 0 && std::isfinite(p.x) && std::isfinite(p.y))) {
        throw std::logic_error(chart.text.id + ": point of " + s.name + " not positive and finite");
      }
      e.x_min = std::min(e.x_min, p.x);
      e.x_max = std::max(e.x_max, p.x);
      e.y_min = std::min(e.y_min, p.has_interval() ? p.low : p.y);
      e.y_max = std::max(e.y_max, p.has_interval() ? p.high : p.y);
      ++points;
    }
  }
  if (points == 0) throw std::logic_error(chart.text.id + ": a chart with no points");
  for (const Rule& r : chart.rules) {
    e.y_min = std::min(e.y_min, r.y);
    e.y_max = std::max(e.y_max, r.y);
  }
  return e;
}

std::string points_attr(const Series& s, const LogAxis& x, const LogAxis& y) {
  std::string out;
  for (const Point& p : s.points) {
    if (!out.empty()) out += ' ';
    out += px(x.to_pixel(p.x)) + "," + px(y.to_pixel(p.y));
  }
  return out;
}

// A vertical line from low to high with short caps, `dodge` pixels beside the point so the
// whiskers of several series at one size stay apart. data-interval carries the figures so a test
// can tell a whisker from the axis it was scaled by.
void draw_whisker(SvgDocument& svg, const Point& p, const std::string& colour, const LogAxis& x,
                  const LogAxis& y, AxisUnit unit, double dodge) {
  const double cx = x.to_pixel(p.x) + dodge, lo = y.to_pixel(p.low), hi = y.to_pixel(p.high);
  constexpr double cap = 4;
  const std::string d = "M" + px(cx) + "," + px(lo) + "V" + px(hi) + "M" + px(cx - cap) + "," +
                        px(lo) + "H" + px(cx + cap) + "M" + px(cx - cap) + "," + px(hi) + "H" +
                        px(cx + cap);
  svg.open("path", {{"class", "whisker"},
                    {"d", d},
                    {"stroke", colour},
                    {"stroke-width", "1.5"},
                    {"fill", "none"},
                    {"data-whisker", "1"},
                    {"data-interval",
                     format_axis_value(p.low, unit) + "–" + format_axis_value(p.high, unit)}});
  svg.element(
      "title", {},
      "95% interval " + format_axis_value(p.low, unit) + " to " + format_axis_value(p.high, unit));
  svg.close();
}

void draw_series(SvgDocument& svg, const Series& s, const LineChart& chart, const LogAxis& x,
                 const LogAxis& y, double dodge) {
  svg.open("g", {{"class", s.reference ? "series reference" : "series"},
                 {"data-series", s.name},
                 {"data-points", std::to_string(s.points.size())}});
  std::vector<Attr> line{{"points", points_attr(s, x, y)},
                         {"fill", "none"},
                         {"stroke", s.colour},
                         {"stroke-width", s.reference ? "3" : "2"},
                         {"stroke-linejoin", "round"}};
  if (s.reference) line.push_back({"stroke-opacity", "0.55"});
  if (!s.dash.empty()) line.push_back({"stroke-dasharray", s.dash});
  svg.element("polyline", line);
  for (const Point& p : s.points) {
    if (p.has_interval()) draw_whisker(svg, p, s.colour, x, y, chart.y_unit, dodge);
  }
  for (const Point& p : s.points) {
    draw_marker(svg, s.marker, x.to_pixel(p.x), y.to_pixel(p.y), s.colour,
                s.name + ", " + format_axis_value(p.x, chart.x_unit) + ": " +
                    format_axis_value(p.y, chart.y_unit));
  }
  svg.close();
}

}  // namespace

bool Point::has_interval() const {
  return std::isfinite(low) && std::isfinite(high) && low > 0 && low <= y && y <= high;
}

RenderedChart render(const LineChart& chart) {
  if (chart.series.empty()) throw std::logic_error(chart.text.id + ": a chart with no series");
  const Extent e = extent_of(chart);

  std::vector<LegendEntry> legend;
  for (const Series& s : chart.series) legend.push_back({s.name, s.colour, s.dash, s.marker});
  add_rule_entries(legend, chart.rules);
  const Layout layout = layout_for(legend);
  const PlotArea& plot = layout.plot;
  const LogAxis x(e.x_min, e.x_max, chart.x_unit, plot.left, plot.right());
  const LogAxis y(e.y_min, e.y_max, chart.y_unit, plot.bottom(), plot.top);

  SvgDocument svg = start_chart(layout, chart.text, chart.series.size());
  draw_titles(svg, layout, chart.text);
  draw_y_axis(svg, plot, y);
  draw_x_axis(svg, plot, x);
  draw_rules(svg, plot, y, chart.rules);
  // References first so the data is drawn on top of them.
  for (const Series& s : chart.series) {
    if (s.reference) draw_series(svg, s, chart, x, y, 0);
  }
  const double data_series = static_cast<double>(std::count_if(
      chart.series.begin(), chart.series.end(), [](const Series& s) { return !s.reference; }));
  double k = 0;
  for (const Series& s : chart.series) {
    if (!s.reference) draw_series(svg, s, chart, x, y, 3 * (k++ - (data_series - 1) / 2));
  }
  draw_plot_border(svg, plot);
  draw_legend(svg, layout, legend);
  return RenderedChart{chart.text.id,    chart.text.title, chart.caption,
                       svg.standalone(), svg.fragment(),   chart.series.size()};
}

}  // namespace tvp::report
