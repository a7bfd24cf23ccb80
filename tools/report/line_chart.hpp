// A log-log line chart: one polyline with markers per series, optional reference series (the
// memcpy floor) and horizontal rules (the cacheline floor, ratio = 1).
#pragma once

#include <string>
#include <vector>

#include "chart_frame.hpp"
#include "rendered_chart.hpp"

namespace tvp::report {

struct Point {
  double x;
  double y;
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
