// The table of benchmarks kept out of every chart (failed, suspect): one row per benchmark with
// why, and a first "run" column when several reports are compared. The Errors and Suspect sections
// list their cells alike, so a reader reads both the same way.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "figures/section.hpp"
#include "model/dataset.hpp"

namespace tvp::report {

// `why` is the member that says why (FailedBenchmark::message, SuspectCell::reason); `Item` has
// `run` and `run_name` as those do.
template <typename Item>
Table left_out_table(const Dataset& data, std::string title, std::string why_column,
                     const std::vector<Item>& items, std::string Item::*why) {
  std::vector<std::string> columns{"benchmark", std::move(why_column)};
  if (data.several_runs()) columns.insert(columns.begin(), "run");
  Table t = make_table(std::move(title), columns, columns.size());
  for (const Item& item : items) {
    std::vector<std::string> row{item.run_name, item.*why};
    if (data.several_runs()) row.insert(row.begin(), data.runs[item.run].label);
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace tvp::report
