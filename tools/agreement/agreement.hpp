// Agreement between two runs: the same ratio rows (by name) of two reports, side by side.
#pragma once

#include <string>
#include <vector>

#include "tvp/gbjson.hpp"

namespace tvp::agreement {

struct Interval {
  double estimate = 0, low = 0, high = 0;
};

struct Cell {
  std::string name;  // the ratio row's run_name
  Interval a, b;
  bool overlap() const { return a.low <= b.high && b.low <= a.high; }
  double change() const { return b.estimate / a.estimate - 1; }  // relative, b against a
};

struct Agreement {
  std::vector<Cell> cells;        // in both reports, neither suspect, in a's order
  std::size_t only_in_one = 0;    // rows of that aggregate present in one report only
  std::size_t suspect = 0;        // left out: suspect in either report
  std::size_t overlapping() const;
  double median_abs_change() const;  // REQUIRES: !cells.empty()
};

// The rows whose aggregate_name is `aggregate` (e.g. "ratio_to_thread") in both reports.
Agreement agree(const gbjson::Report& a, const gbjson::Report& b, const std::string& aggregate);

// Markdown: the summary table, then the `worst` cells by |change|.
std::string render(const Agreement& g, const std::string& aggregate, std::size_t worst);

}  // namespace tvp::agreement
