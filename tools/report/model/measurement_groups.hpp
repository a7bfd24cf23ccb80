// Slicing a family's measurements the way the charts need them: by placement, into lines (one
// per run × transport × model, points sorted by size), and the sizes a table should show. The
// reading order of transports is the data set's legend (the reports' own lists), never a list here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/dataset.hpp"

namespace tvp::report {

using Measurements = std::vector<const Measurement*>;

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Line {
  std::size_t run = 0;
  std::string transport;
  std::string model;
  Fields fields;        // the name's key:value fields shared by every point (Measurement::fields)
  std::string x_field;  // empty: points go by size; else by this numeric name field
  Measurements points;  // ascending x, one per x

  const Measurement* at(std::uint64_t bytes) const;  // nullptr when that size is missing
  // The point's position along the line: its size, or the value of x_field (NaN if not a number).
  double x(const Measurement& m) const;
};

// Reading order of transports (Dataset::transports: the reports' lists, then first appearance)
// and placements (cross_core, same_core, unpinned, then others), for tables built from something
// other than lines.
std::size_t transport_rank(const Dataset& data, std::string_view transport);
std::size_t placement_rank(std::string_view placement);

// "rate_pct:50 · codec:msgpack"; "" for none.
std::string fields_text(const Fields& fields);

// Placements in a fixed reading order (cross_core, same_core, unpinned, then others as found).
std::vector<std::string> placements_of(const Measurements& ms);
Measurements with_placement(const Measurements& ms, const std::string& placement);
// Ascending, distinct.
std::vector<std::uint64_t> sizes_of(const Measurements& ms);

// Lines ordered by transport (transport_rank), then thread before process, then run.
std::vector<Line> lines_of(const Dataset& data, const Measurements& ms);
// Lines along the numeric name field `field` (rate_pct, pairs) instead of size: one per run ×
// transport × model × the other fields. REQUIRES: `ms` hold one size (slice by size first).
std::vector<Line> lines_against(const Dataset& data, const Measurements& ms,
                                const std::string& field);
// The distinct values of name field `field` in `ms`, in line order ("" when absent).
std::vector<std::string> field_values(const Dataset& data, const Measurements& ms,
                                      const std::string& field);

// "pipe · process", or "pipe · process · rate_pct:50" when the line has fields.
std::string line_group_name(const Line& line);
// "pipe · process", with " [label]" appended when several reports are compared.
std::string line_label(const Dataset& data, const Line& line);

// The size the percentile chart and the tables centre on: `requested` when given (InputError if no
// measurement has it), else 4096 if present, else the present size nearest to it on a log scale.
// REQUIRES: sizes non-empty.
std::uint64_t choose_size(const std::vector<std::uint64_t>& sizes,
                          std::optional<std::uint64_t> requested, const std::string& family);

// The columns a summary table shows: smallest, chosen, largest (distinct, ascending).
std::vector<std::uint64_t> key_sizes(const std::vector<std::uint64_t>& sizes, std::uint64_t chosen);

}  // namespace tvp::report

namespace tvp::report {

// Table columns naming a line ("transport", "model", "fields" when any of `lines` has name fields,
// "run" when several reports), and the matching cells for one of them.
std::vector<std::string> line_name_columns(const Dataset& data, const std::vector<Line>& lines);
std::vector<std::string> line_name_cells(const Dataset& data, const std::vector<Line>& lines,
                                         const Line& line);

}  // namespace tvp::report
