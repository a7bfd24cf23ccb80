// Slicing a family's measurements the way the charts need them: by placement, into lines (one
// per run × transport × model, points sorted by size), and the sizes a table should show.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dataset.hpp"
#include "line_chart.hpp"

namespace tvp::report {

using Measurements = std::vector<const Measurement*>;

struct Line {
  std::size_t run = 0;
  std::string transport;
  std::string model;
  Measurements points;  // ascending bytes, one per size

  const Measurement* at(std::uint64_t bytes) const;  // nullptr when that size is missing
};

// Placements in a fixed reading order (cross_core, same_core, unpinned, then others as found).
std::vector<std::string> placements_of(const Measurements& ms);
Measurements with_placement(const Measurements& ms, const std::string& placement);
// Ascending, distinct.
std::vector<std::uint64_t> sizes_of(const Measurements& ms);

// Lines ordered by transport (the order the suite lists them, unknown ones after, by name), then
// thread before process, then run.
std::vector<Line> lines_of(const Measurements& ms);

// "pipe · process", with " [label]" appended when several reports are compared.
std::string line_label(const Dataset& data, const Line& line);

// A chart series for the line with its colour, dash and marker; `value` maps a measurement to the
// plotted y, and points whose value is not positive and finite, or whose size is 0, are left out.
template <typename ValueFn>
Series series_of(const Dataset& data, const Line& line, ValueFn value);

// The size the percentile chart and the tables centre on: `requested` when given (InputError if no
// measurement has it), else 4096 if present, else the present size nearest to it on a log scale.
// REQUIRES: sizes non-empty.
std::uint64_t choose_size(const std::vector<std::uint64_t>& sizes,
                          std::optional<std::uint64_t> requested, const std::string& family);

// The columns a summary table shows: smallest, chosen, largest (distinct, ascending).
std::vector<std::uint64_t> key_sizes(const std::vector<std::uint64_t>& sizes, std::uint64_t chosen);

// Implementation details of series_of.
Series series_style(const Dataset& data, const Line& line);

template <typename ValueFn>
Series series_of(const Dataset& data, const Line& line, ValueFn value) {
  Series s = series_style(data, line);
  for (const Measurement* m : line.points) {
    const double y = value(*m);
    if (m->name.bytes > 0 && std::isfinite(y) && y > 0) {
      s.points.push_back({static_cast<double>(m->name.bytes), y});
    }
  }
  return s;
}

}  // namespace tvp::report

namespace tvp::report {

// Table columns naming a line ("transport", "model", and "run" when several reports), and the
// matching cells for one line.
std::vector<std::string> line_name_columns(const Dataset& data);
std::vector<std::string> line_name_cells(const Dataset& data, const Line& line);

}  // namespace tvp::report
