// In-job A/B: the same benchmark subset run by a baseline build (A) and a candidate build (B) on one
// machine, in alternating rounds (A B, then B A, random which first), one report per build per
// round. Each round gives one ratio candidate ÷ baseline per benchmark, and the machine's drift
// from round to round cancels inside it (the design of tvp-bench's own paired comparisons, one
// level up). Per benchmark: the geometric mean of the round ratios with a Student-t interval on
// their logs and a one-sample t-test of "no change"; across the subset, Holm's step-down correction
// so the chance of any false alarm in the whole subset stays at alpha, not alpha per benchmark.
#pragma once

#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "tvp/gbjson.hpp"

namespace tvp::compare {

struct AbOptions {
  double min_effect = 0.03;  // a change smaller than this is not a regression, however certain
  double alpha = 0.05;       // family-wise false-alarm rate over the compared subset
  double confidence = 0.95;  // of the interval shown per benchmark
  std::size_t min_rounds = 3;
  // "auto": a paired row's tvp_value_ns (what tvp-bench's own ratios compare: a batch's median round
  // trip, or a stream's mean time per message), else real_time. Or any metric tvp-compare knows.
  std::string metric = "auto";
  std::optional<std::regex> filter;  // run_names to compare (regex_search); all when empty
  std::string normalize_by;          // divide by this benchmark of the same report, round by round
};

enum class AbVerdict {
  regression,       // significant after Holm and at least min_effect worse
  improvement,      // significant after Holm and at least min_effect better
  unchanged,        // the whole interval lies within ±min_effect
  inconclusive,     // neither: more rounds would tell
  failed,           // the candidate reported an error in some round
  baseline_failed,  // only the baseline failed: nothing to compare against
  suspect,          // flagged suspect (faster than its run's floor) in some round: excluded
  missing,          // absent from one build in every round
};

const char* to_string(AbVerdict v);

struct AbRow {
  std::string name;  // run_name
  AbVerdict verdict = AbVerdict::inconclusive;
  std::size_t rounds = 0;   // rounds with a value on both sides
  double ratio = 1;         // candidate ÷ baseline cost (above 1: the candidate is worse)
  double low = 1, high = 1; // the interval of `ratio`
  double p = 1;             // two-sided one-sample t-test on the log ratios
  double p_holm = 1;        // Holm-adjusted over every benchmark with a test
  std::string detail;       // an error message, or why there is no test
};

struct AbResult {
  std::vector<AbRow> rows;  // baseline order, then benchmarks only the candidate has
  std::string metric;       // as used, e.g. "auto (tvp_value_ns, else real_time)"
  bool failed() const;      // any regression or candidate failure
};

// REQUIRES base.size() == candidate.size() >= 1: round i is (base[i], candidate[i]).
// Throws CompareError on bad input (unequal round counts, unknown metric, a filter matching
// nothing, an unusable --normalize-by reference).
AbResult compare_ab(const std::vector<gbjson::Report>& base,
                    const std::vector<gbjson::Report>& candidate, const AbOptions& options);

// Holm's step-down adjustment of p-values (same order as given), exposed for tests.
std::vector<double> holm_adjust(const std::vector<double>& p);

}  // namespace tvp::compare
