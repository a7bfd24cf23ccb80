// How a line of measurements looks in a chart: colour = its transport, dash = its model, marker =
// its report. A transport's colour is the one its report's context gives (tvp-bench writes the
// registry's colours as tvp_transport_colours), so a new transport needs no change in tools/.
#pragma once

#include <cmath>
#include <string>
#include <string_view>

#include "charts/line_chart.hpp"
#include "model/dataset.hpp"
#include "model/measurement_groups.hpp"

namespace tvp::report {

// The colour of a name in the transport field: the reports' context colour for it; else, for a
// spawn kind (spawn/<kind>/..., a way to start a peer, not a transport: tvp-bench writes no colour
// for it), the one kept in series_style.cpp; else hashed_colour.
std::string transport_colour(const Dataset& data, std::string_view transport);

// A chart series for the line with its name, colour, dash and marker, and no points.
Series series_style(const Dataset& data, const Line& line);

// series_style with the line's points: `value` maps a measurement to the plotted y, and points
// whose value is not positive and finite, or whose x is not (size 0 on a log axis), are left out.
template <typename ValueFn>
Series series_of(const Dataset& data, const Line& line, ValueFn value) {
  Series s = series_style(data, line);
  for (const Measurement* m : line.points) {
    const double y = value(*m);
    const double x = line.x(*m);
    if (std::isfinite(x) && x > 0 && std::isfinite(y) && y > 0) {
      s.points.push_back({x, y});
    }
  }
  return s;
}

}  // namespace tvp::report
