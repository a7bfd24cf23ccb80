// A grouped bar chart on a log value axis: categories along x (e.g. transport × model), one bar
// per key inside each category (e.g. p50 / p99 / p99.9, or one bar per input report).
#pragma once

#include <string>
#include <vector>

#include "charts/chart_frame.hpp"
#include "charts/rendered_chart.hpp"

namespace tvp::report {

struct BarChart {
  ChartText text;
  std::string caption;
  AxisUnit y_unit = AxisUnit::duration_ns;
  std::vector<std::string> keys;            // legend entries, one colour each
  std::vector<std::string> key_colours;     // same length as keys
  std::vector<std::string> groups;          // category labels
  std::vector<std::vector<double>> values;  // values[group][key]; NaN (or <= 0) = no bar
  // Optional, one per group: colours bars by group (a transport keeps its colour) instead of by
  // key; the keys are then not shown in the legend. Meant for charts with a single key.
  std::vector<std::string> group_colours;
  // Optional, one per group: a light bar with a dashed outline (process), as lines are dashed.
  std::vector<bool> group_light;
  std::vector<Rule> rules;
};

// REQUIRES: keys.size() == key_colours.size(), values.size() == groups.size(), each row has
// keys.size() values, group_colours and group_light empty or one per group, and at least one
// drawable bar. Throws std::logic_error otherwise. A key with no drawable bar is left out of the
// legend and the series count.
RenderedChart render(const BarChart& chart);

}  // namespace tvp::report
