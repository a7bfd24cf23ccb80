// Google Benchmark rows for the paired runner: one per batch, the aggregates Google Benchmark
// would compute over them, and a ratio row with its interval.
#pragma once

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "batch_state.hpp"
#include "tvp/paired_ratio.hpp"

namespace tvp::bench {

using Run = benchmark::BenchmarkReporter::Run;

// The row of one finished batch (repetition_index and repetitions are filled in by the caller).
Run batch_row(const std::string& function_name, bool manual_time, const BatchState& batch);
// The row of an arm that failed.
Run error_row(const std::string& function_name, bool manual_time, const std::string& message);

// _mean, _median, _stddev and _cv over `rows` (all iteration rows of one benchmark), as Google
// Benchmark's ComputeStats does, with two differences: counters named in `not_aggregated` are left
// out, and a _cv whose mean is 0 is 0, not NaN (which strict JSON parsers reject).
// REQUIRES: rows.size() >= 2.
std::vector<Run> aggregate_rows(const std::vector<Run>& rows,
                                const std::vector<std::string>& not_aggregated);

// The ratio row `<name>_<aggregate_name>`: real_time = the estimate, aggregate_unit percentage (so
// the value is written as it is), counters ci_low, ci_high, rounds, half_width, target_met, suspect.
Run ratio_row(const Run& like, const std::string& aggregate_name, const RatioInterval& r,
              bool target_met, bool suspect);

}  // namespace tvp::bench
