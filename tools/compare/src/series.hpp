// The per-repetition values of one metric for each benchmark of one report: the samples the
// comparison works on. Aggregate entries (_mean, _median…) are ignored: medians and the test are
// computed from the repetitions themselves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "metric.hpp"
#include "tvp/gbjson.hpp"

namespace tvp::compare {

struct Series {
  std::string run_name;
  std::vector<std::int64_t> repetitions;  // repetition_index of each value, file order
  std::vector<double> values;             // the metric per repetition; nanoseconds for times
  std::string time_unit;                  // as written by Google Benchmark
  bool failed = false;                    // some repetition called SkipWithError
  std::string error_message;              // the first such message
  // tvp-bench's self-check flagged it (a non-zero "suspect" counter on a repetition or on the
  // _mean/_median): faster than the run's floor, a measuring error. Such a benchmark gets no
  // verdict.
  bool suspect = false;
};

// One Series per run_name in order of first appearance. A repetition without the counter adds no
// value; a failed repetition adds none either and marks the series failed. The suspect flag is read
// from every repetition and from the _mean/_median aggregates, whatever the metric.
// Throws CompareError if the repetitions of one benchmark disagree on time_unit.
std::vector<Series> collect_series(const gbjson::Report& report, const Metric& metric);

// True if any successful iteration entry of `report` has `metric` (always true for times).
bool report_has_metric(const gbjson::Report& report, const Metric& metric);

}  // namespace tvp::compare
