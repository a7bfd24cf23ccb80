// The strict export for benchmark trackers: one Google Benchmark JSON entry per benchmark, holding
// its median real time, with no NaN/Infinity anywhere. Read by github-action-benchmark (tool
// `googlecpp`: name, real_time, time_unit, and iterations/cpu_time/threads for its tooltip) and by
// Bencher (adapter `cpp_google`: context.caches, name, real_time, time_unit), both unchanged.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tvp/gbjson.hpp"

namespace tvp::tracker_export {

struct Export {
  nlohmann::ordered_json document;    // {"context": {...}, "benchmarks": [...]}; strict JSON
  std::size_t exported = 0;           // entries in document["benchmarks"]
  std::vector<std::string> left_out;  // "<run_name>: <why>", in file order
};

// One entry per run_name, in the order the report first names it:
//   name = run_name (no `_median` suffix: the key stays the same whatever the repetition count),
//   real_time = `metric` of the `_median` aggregate, else the median of the successful
//   repetitions, in nanoseconds (time_unit "ns"); cpu_time likewise, for the tooltip.
// REQUIRES: `metric` is "real_time" or a counter in nanoseconds (name ending in "_ns", e.g.
//   p50_ns: each repetition's median round trip, the gate's metric on shared machines). Leaves out,
//   with the reason in `left_out` and in the context key tvp_export_left_out: failed benchmarks
//   (any error_occurred row), benchmarks flagged suspect (faster than their run's floor: a
//   measuring error), and those without a finite value.
// Ratio rows (`ratio_to_*`), `_mean`, `_stddev` and `_cv` are not exported: both trackers read
// real_time as a time (Bencher stores it as latency in ns, github-action-benchmark labels it
// "<unit>/iter" and alerts when it grows), which a dimensionless ratio is not.
// The context is the report's own (NaN already null), plus `caches: []` when absent because
// Bencher's parser requires that array, plus tvp_export_* keys saying what was exported.
Export make_export(const gbjson::Report& report, const std::string& metric = "real_time");

}  // namespace tvp::tracker_export
