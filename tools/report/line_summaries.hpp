// Two views of a set of lines shared by several sections: a table with one column per size, and a
// bar chart with one bar per input report for families measured at a single size.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bar_chart.hpp"
#include "measurement_groups.hpp"
#include "section.hpp"

namespace tvp::report {

// Rows = lines (named by line_name_columns), columns = sizes; `cell` formats a measurement, and a
// size the line lacks reads "—".
Table table_by_size(const Dataset& data, std::string title, const std::vector<Line>& lines,
                    const std::vector<std::uint64_t>& sizes,
                    const std::function<std::string(const Measurement&)>& cell);

// Groups = transport · model, one bar per report (a single report's bars take the transport's
// colour; process bars are light with a dashed outline), the median time at each line's smallest
// size (named in the group label when it is not 0). Text fields of the result are left for the
// caller.
BarChart bars_by_line(const Dataset& data, const std::vector<Line>& lines);

// Median time as a table cell.
std::string time_cell(const Measurement& m);

}  // namespace tvp::report
