// Charts of one counter against a benchmark name's extra key:value field (rate_pct, pairs, codec),
// shared by the families that carry one: a line per transport × model when the field is a number
// with several values, else bars. Each returns nullopt when nothing is drawable; the caller notes
// it.
#pragma once

#include <optional>
#include <string>

#include "charts/chart_frame.hpp"
#include "model/measurement_groups.hpp"
#include "charts/rendered_chart.hpp"

namespace tvp::report {

struct CounterView {
  std::string counter;  // "p50_ns", or "" for the mean time per iteration (real_time)
  std::string name;     // "p50", "msgs/s": legend and axis wording
  AxisUnit unit = AxisUnit::duration_ns;
};

// The counter (or the time) of a measurement, NaN when absent.
double counter_value(const Measurement& m, const CounterView& view);

// `counter` against numeric field `field`, one line per run × transport × model × other fields.
// Falls back to bars (one per line) when fewer than two values of the field are present, as a
// line needs two points. REQUIRES: `ms` at one size.
std::optional<RenderedChart> counter_against_field(const Dataset& data, const ChartText& text,
                                                   const Measurements& ms, const std::string& field,
                                                   const CounterView& view);

// Bars of `counter`: groups = run × transport × model × other fields, one bar per value of
// `field` (e.g. codec); `field` empty = one bar per group. REQUIRES: `ms` at one size.
std::optional<RenderedChart> counter_bars_by_field(const Dataset& data, const ChartText& text,
                                                   const Measurements& ms, const std::string& field,
                                                   const CounterView& view);

}  // namespace tvp::report
