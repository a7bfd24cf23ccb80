// A log-log line chart: one polyline with markers per series, optional reference series (the
// memcpy floor), horizontal rules (the cacheline floor, ratio = 1) and per-point interval whiskers
// (paired ratios).
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "charts/chart_frame.hpp"
#include "charts/rendered_chart.hpp"

namespace tvp::report {

struct Point {
  double x;
  double y;
  // A 95% interval around y, drawn as a vertical whisker; NaN (the default) = none.
  double low = NAN;
  double high = NAN;

  bool has_interval() const;  // low and high finite, 0 < low <= y <= high
};

struct Series {
  std::string name;  // legend text; also data-series in the SVG, which the tests look for
  std::string colour;
  std::string dash;  // stroke-dasharray; empty = solid
  Marker marker = Marker::circle;
  bool reference = false;  // drawn grey and behind the data, e.g. the memcpy floor
  std::vector<Point> points;
};

struct LineChart {
  ChartText text;
  std::string caption;
  AxisUnit x_unit = AxisUnit::bytes;
  AxisUnit y_unit = AxisUnit::duration_ns;
  std::vector<Series> series;
  std::vector<Rule> rules;
};

// REQUIRES: at least one series; every point has x > 0 and y > 0, finite (the builders drop the
// others before they get here, so a log axis never sees 0). Throws std::logic_error otherwise.
RenderedChart render(const LineChart& chart);

}  // namespace tvp::report
