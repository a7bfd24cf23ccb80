// The regression decision for one metric across two reports: medians of the repetitions, relative
// change, a Mann–Whitney U test, and a verdict per benchmark.
#pragma once

#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "metric.hpp"
#include "tvp/gbjson.hpp"

namespace tvp::compare {

struct CompareOptions {
  double threshold = 0.10;   // relative change in the worse direction that counts (0.10 = 10%)
  double alpha = 0.05;       // significance level of the two-sided Mann–Whitney U test
  std::size_t min_reps = 1;  // fewer successful repetitions on a side is bad input
  std::optional<std::regex> filter;  // run_names to compare (regex_search); all when empty
  std::string normalize_by;          // reference run_name or regex; empty = absolute values
};

enum class Verdict {
  regression,       // worse beyond threshold and significant (or threshold-only, see Row)
  improvement,      // better beyond threshold and significant
  not_significant,  // beyond threshold either way, but p >= alpha
  unchanged,        // within threshold
  failed,           // the current run reported an error for this benchmark
  baseline_failed,  // only the baseline has an error: nothing to compare against
  no_data,          // the metric has no finite value on one side
  only_baseline,    // absent from the current run
  only_current,     // new in the current run
  suspect,          // flagged suspect (faster than its run's floor) in either run: excluded
};
inline constexpr std::size_t kVerdictCount = 10;

const char* to_string(Verdict verdict);

struct Row {
  std::string name;  // run_name
  Verdict verdict = Verdict::unchanged;
  std::size_t n_base = 0;
  std::size_t n_current = 0;
  double base_median = 0;
  double current_median = 0;
  double change = 0;                   // (current - base) / |base|; +inf/-inf when base is 0
  std::optional<double> p;             // nullopt when not tested (a side has one repetition)
  bool threshold_only = false;         // verdict from --threshold alone
  std::string detail;                  // e.g. the error message of a failed benchmark
  std::size_t ignored_non_finite = 0;  // NaN/Inf repetition values left out of the statistics
};

struct MetricComparison {
  Metric metric;
  std::string reference;           // --normalize-by: the baseline's reference run_name
  std::vector<Row> rows;           // baseline order, then benchmarks new in the current run
  std::vector<std::string> notes;  // warnings that change how to read the table
  bool failed() const;             // any regression or failed benchmark
};

// Throws CompareError (bad input: mismatched time units, unknown metric, too few repetitions,
// a filter that matches nothing, an unusable --normalize-by reference).
MetricComparison compare_metric(const gbjson::Report& base, const gbjson::Report& current,
                                const Metric& metric, const CompareOptions& options);

}  // namespace tvp::compare
