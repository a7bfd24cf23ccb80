// Two views of a set of lines shared by several sections: a table with one column per size, and a
// bar chart with one bar per input report for families measured at a single size.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "charts/bar_chart.hpp"
#include "model/measurement_groups.hpp"
#include "figures/section.hpp"

namespace tvp::report {

// Rows = lines (named by line_name_columns), columns = sizes; `cell` formats a measurement, and a
// size the line lacks reads "—".
Table table_by_size(const Dataset& data, std::string title, const std::vector<Line>& lines,
                    const std::vector<std::uint64_t>& sizes,
                    const std::function<std::string(const Measurement&)>& cell);

// Groups = transport · model, one bar per report (a single report's bars take the transport's
// colour; process bars are light with a dashed outline), the mean time at each line's smallest
// size (named in the group label when it is not 0). Text fields of the result are left for the
// caller.
BarChart bars_by_line(const Dataset& data, const std::vector<Line>& lines);

// Mean time (real_time) as a table cell.
std::string time_cell(const Measurement& m);

// One sentence for a table of real_time figures: real_time is Google Benchmark's time per
// iteration, a mean over a batch, and each benchmark's figure is the mean of its paired rounds or
// the median of its repetitions, as the reports were measured.
std::string mean_note(const Dataset& data, const std::string& what = "time per iteration");
// The statistic behind every figure of a benchmark, as mean_note words it: "the mean of its paired
// rounds", "the median of its repetitions when repeated", or both for a mixed comparison.
std::string per_benchmark_statistic(const Dataset& data);

}  // namespace tvp::report
