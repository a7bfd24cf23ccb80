#include "compare.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "compare_error.hpp"
#include "mann_whitney.hpp"
#include "normalize.hpp"
#include "series.hpp"
#include "median.hpp"

namespace tvp::compare {
namespace {

double relative_change(double base, double current) {
  if (base == current) return 0;
  if (base == 0)
    return current > 0 ? std::numeric_limits<double>::infinity()
                       : -std::numeric_limits<double>::infinity();
  return (current - base) / std::abs(base);
}

std::vector<double> finite_values(const Series& s) {
  std::vector<double> out;
  for (const double v : s.values) {
    if (std::isfinite(v)) out.push_back(v);
  }
  return out;
}

// The series of one report for the metric, normalised if asked, then filtered.
std::vector<Series> prepare(const gbjson::Report& report, const Metric& metric,
                            const CompareOptions& options, std::string* reference) {
  std::vector<Series> series = collect_series(report, metric);
  if (!options.normalize_by.empty()) {
    const std::size_t ref = find_reference(series, options.normalize_by, report.path);
    if (reference != nullptr) *reference = series[ref].run_name;
    normalize(series, ref, metric.name, report.path);
  }
  if (options.filter) {
    std::erase_if(series,
                  [&](const Series& s) { return !std::regex_search(s.run_name, *options.filter); });
  }
  return series;
}

void check_units(const Series& b, const Series& c, const Metric& metric,
                 const CompareOptions& options, const std::string& base_path,
                 const std::string& current_path) {
  // Ratios to a reference are unit-free; absolute times are compared only in the same unit: a
  // changed Unit() means the benchmark definition changed and the baseline must be re-recorded.
  if (!metric.is_time || !options.normalize_by.empty() || b.time_unit == c.time_unit) return;
  throw CompareError(b.run_name + ": time_unit differs (" + base_path + ": " + b.time_unit + ", " +
                     current_path + ": " + c.time_unit + "); re-record the baseline");
}

void check_min_reps(const Series& s, std::size_t n, const CompareOptions& options,
                    const std::string& path) {
  if (n >= options.min_reps) return;
  throw CompareError(path + ": " + s.run_name + ": " + std::to_string(n) +
                     " successful repetitions, fewer than --min-reps " +
                     std::to_string(options.min_reps));
}

// Worse beyond the threshold, better beyond it, or neither, for this metric's direction.
int direction_of(double change, const Metric& metric, double threshold) {
  const double worse = metric.higher_is_better ? -change : change;
  if (worse > threshold) return 1;
  if (-worse > threshold) return -1;
  return 0;
}

Row presence_row(const std::string& name, Verdict verdict) {
  Row row;
  row.name = name;
  row.verdict = verdict;
  return row;
}

Row compare_pair(const Series& b, const Series& c, const Metric& metric,
                 const CompareOptions& options) {
  Row row;
  row.name = b.run_name;
  if (c.failed) {
    row.verdict = Verdict::failed;
    row.detail = c.error_message;
    return row;
  }
  if (b.failed) {
    row.verdict = Verdict::baseline_failed;
    row.detail = b.error_message;
    return row;
  }
  if (b.suspect || c.suspect) {
    // Faster than the run's own floor is a measuring error: neither a regression nor a result.
    row.verdict = Verdict::suspect;
    row.detail = std::string("in ") +
                 (b.suspect && c.suspect ? "both reports"
                  : b.suspect            ? "baseline"
                                         : "current") +
                 ": faster than the run's floor";
    return row;
  }
  const std::vector<double> bv = finite_values(b);
  const std::vector<double> cv = finite_values(c);
  row.n_base = bv.size();
  row.n_current = cv.size();
  row.ignored_non_finite = b.values.size() + c.values.size() - bv.size() - cv.size();
  if (bv.empty() || cv.empty()) {
    row.verdict = Verdict::no_data;
    return row;
  }
  row.base_median = median(bv);
  row.current_median = median(cv);
  row.change = relative_change(row.base_median, row.current_median);
  const int direction = direction_of(row.change, metric, options.threshold);
  if (bv.size() == 1 || cv.size() == 1) {
    row.threshold_only = true;
    row.verdict = direction > 0   ? Verdict::regression
                  : direction < 0 ? Verdict::improvement
                                  : Verdict::unchanged;
    return row;
  }
  row.p = mann_whitney_u(bv, cv).p;
  const bool significant = *row.p < options.alpha;
  if (direction == 0) {
    row.verdict = Verdict::unchanged;
  } else if (!significant) {
    row.verdict = Verdict::not_significant;
  } else {
    row.verdict = direction > 0 ? Verdict::regression : Verdict::improvement;
  }
  return row;
}

// The smallest equal repetition count whose exact test can reach alpha.
std::size_t reps_needed(double alpha) {
  std::size_t n = 2;
  while (n < 64 && min_exact_p(n, n) >= alpha) ++n;
  return n;
}

void add_notes(MetricComparison& out, const CompareOptions& options) {
  std::size_t single = 0;
  std::size_t ignored = 0;
  const auto suspect =
      static_cast<std::size_t>(std::count_if(out.rows.begin(), out.rows.end(), [](const Row& r) {
        return r.verdict == Verdict::suspect;
      }));
  if (suspect > 0) {
    out.notes.push_back("note: " + std::to_string(suspect) +
                        " benchmark(s) flagged suspect (faster than their run's floor, a measuring "
                        "error) are excluded from the verdicts");
  }
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> unreachable;  // (n1, n2) → count
  for (const Row& r : out.rows) {
    if (r.threshold_only) ++single;
    ignored += r.ignored_non_finite;
    if (r.p && min_exact_p(r.n_base, r.n_current) >= options.alpha) {
      ++unreachable[{r.n_base, r.n_current}];
    }
  }
  if (single > 0) {
    out.notes.push_back(
        "note: " + std::to_string(single) +
        " benchmark(s) have a single repetition on one side: judged by --threshold only, without "
        "a significance test; run tvp-bench with --benchmark_repetitions=" +
        std::to_string(std::max<std::size_t>(5, reps_needed(options.alpha))) + " for one");
  }
  if (ignored > 0) {
    out.notes.push_back("note: " + std::to_string(ignored) +
                        " repetition value(s) were NaN or infinite and are left out");
  }
  for (const auto& [sizes, count] : unreachable) {
    char p[32];
    std::snprintf(p, sizeof p, "%.3g", min_exact_p(sizes.first, sizes.second));
    char alpha[32];
    std::snprintf(alpha, sizeof alpha, "%g", options.alpha);
    out.notes.push_back("warning: " + std::to_string(count) + " benchmark(s) have " +
                        std::to_string(sizes.first) + " vs " + std::to_string(sizes.second) +
                        " repetitions: the smallest possible p-value is " + p +
                        ", not below --alpha " + alpha +
                        ", so they can never be flagged; run tvp-bench with "
                        "--benchmark_repetitions=" +
                        std::to_string(reps_needed(options.alpha)) + " or more (or raise --alpha)");
  }
}

}  // namespace

const char* to_string(Verdict verdict) {
  // In the order of the enum.
  static constexpr std::array<const char*, kVerdictCount> kNames = {
      "REGRESSION",      "improved", "not significant",  "unchanged",       "FAILED",
      "baseline failed", "no data",  "only in baseline", "only in current", "suspect (excluded)"};
  return kNames[static_cast<std::size_t>(verdict)];
}

bool MetricComparison::failed() const {
  return std::any_of(rows.begin(), rows.end(), [](const Row& r) {
    return r.verdict == Verdict::regression || r.verdict == Verdict::failed;
  });
}

MetricComparison compare_metric(const gbjson::Report& base, const gbjson::Report& current,
                                const Metric& metric, const CompareOptions& options) {
  if (!report_has_metric(base, metric) && !report_has_metric(current, metric)) {
    throw CompareError("unknown metric \"" + metric.name +
                       "\": not real_time, cpu_time or a counter of any benchmark in " + base.path +
                       " or " + current.path);
  }
  MetricComparison out;
  out.metric = metric;
  const std::vector<Series> b = prepare(base, metric, options, &out.reference);
  const std::vector<Series> c = prepare(current, metric, options, nullptr);
  if (b.empty() && c.empty()) {
    throw CompareError("no benchmark left to compare (check --filter)");
  }

  std::map<std::string, const Series*> current_by_name;
  for (const Series& s : c) current_by_name[s.run_name] = &s;
  std::set<std::string> seen;
  for (const Series& s : b) {
    seen.insert(s.run_name);
    const auto it = current_by_name.find(s.run_name);
    if (it == current_by_name.end()) {
      out.rows.push_back(presence_row(s.run_name, Verdict::only_baseline));
      continue;
    }
    if (s.values.empty() && it->second->values.empty() && !s.failed && !it->second->failed) {
      continue;  // a benchmark without this counter on either side (throughput has no p99_ns)
    }
    check_units(s, *it->second, metric, options, base.path, current.path);
    Row row = compare_pair(s, *it->second, metric, options);
    if (row.verdict != Verdict::failed && row.verdict != Verdict::baseline_failed &&
        row.verdict != Verdict::no_data && row.verdict != Verdict::suspect) {
      check_min_reps(s, row.n_base, options, base.path);
      check_min_reps(*it->second, row.n_current, options, current.path);
    }
    out.rows.push_back(std::move(row));
  }
  for (const Series& s : c) {
    if (seen.count(s.run_name) == 0) {
      out.rows.push_back(presence_row(s.run_name, Verdict::only_current));
    }
  }
  add_notes(out, options);
  return out;
}

}  // namespace tvp::compare
