#include "ab_compare.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <map>
#include <numeric>

#include "compare_error.hpp"
#include "metric.hpp"
#include "normalize.hpp"
#include "series.hpp"
#include "median.hpp"

namespace tvp::compare {
namespace {

// One build's value of each benchmark in one round: the median over the report's repetitions (a
// round of tvp-bench may hold several batches of a paired cell).
struct RoundValue {
  std::optional<double> value;
  bool failed = false;
  bool suspect = false;
  std::string error;
};
using Round = std::map<std::string, RoundValue>;

std::vector<Series> series_for(const gbjson::Report& r, const std::string& metric) {
  if (metric != "auto") return collect_series(r, make_metric(metric));
  // tvp_value_ns where the benchmark has it, real_time elsewhere (Google Benchmark's own rows).
  std::vector<Series> paired = collect_series(r, make_metric("tvp_value_ns"));
  const std::vector<Series> timed = collect_series(r, make_metric("real_time"));
  for (std::size_t i = 0; i < paired.size(); ++i)
    if (paired[i].values.empty() && !paired[i].failed) paired[i] = timed[i];
  return paired;
}

Round round_of(const gbjson::Report& r, const AbOptions& o, std::vector<std::string>& order) {
  std::vector<Series> series = series_for(r, o.metric);
  if (!o.normalize_by.empty()) {
    const std::size_t ref = find_reference(series, o.normalize_by, r.path);
    normalize(series, ref, o.metric == "auto" ? "the metric" : o.metric, r.path);
  }
  Round out;
  for (const Series& s : series) {
    if (o.filter && !std::regex_search(s.run_name, *o.filter)) continue;
    RoundValue& v = out[s.run_name];
    if (std::find(order.begin(), order.end(), s.run_name) == order.end())
      order.push_back(s.run_name);
    v.failed = s.failed;
    v.error = s.error_message;
    v.suspect = s.suspect;
    std::vector<double> finite;
    for (double x : s.values)
      if (std::isfinite(x) && x > 0) finite.push_back(x);
    if (!finite.empty()) v.value = median(std::move(finite));
  }
  return out;
}

bool higher_is_better(const std::string& metric) {
  return metric != "auto" && make_metric(metric).higher_is_better;
}

// Fills ratio, interval and p from the per-round log ratios.
void test_rounds(AbRow& row, const std::vector<double>& logs, double confidence) {
  const auto n = static_cast<double>(logs.size());
  const double mean = std::accumulate(logs.begin(), logs.end(), 0.0) / n;
  double ss = 0;
  for (double d : logs) ss += (d - mean) * (d - mean);
  const double se = std::sqrt(ss / (n - 1)) / std::sqrt(n);
  row.ratio = std::exp(mean);
  if (!(se > 0)) {  // every round gave the same ratio: no spread to test against
    row.low = row.high = row.ratio;
    row.p = mean == 0 ? 1 : 0;
    return;
  }
  const boost::math::students_t dist(n - 1);
  const double t = boost::math::quantile(dist, 1 - (1 - confidence) / 2);
  row.low = std::exp(mean - t * se);
  row.high = std::exp(mean + t * se);
  row.p = 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(mean / se)));
}

}  // namespace

const char* to_string(AbVerdict v) {
  switch (v) {
    case AbVerdict::regression: return "REGRESSION";
    case AbVerdict::improvement: return "improvement";
    case AbVerdict::unchanged: return "unchanged";
    case AbVerdict::inconclusive: return "inconclusive";
    case AbVerdict::failed: return "FAILED";
    case AbVerdict::baseline_failed: return "baseline failed";
    case AbVerdict::suspect: return "suspect";
    case AbVerdict::missing: return "missing";
  }
  return "?";
}

bool AbResult::failed() const {
  return std::any_of(rows.begin(), rows.end(), [](const AbRow& r) {
    return r.verdict == AbVerdict::regression || r.verdict == AbVerdict::failed;
  });
}

std::vector<double> holm_adjust(const std::vector<double>& p) {
  std::vector<std::size_t> idx(p.size());
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<double> out(p.size());
  double running = 0;
  const std::size_t m = p.size();
  for (std::size_t k = 0; k < m; ++k) {
    running = std::max(running, std::min(1.0, static_cast<double>(m - k) * p[idx[k]]));
    out[idx[k]] = running;
  }
  return out;
}

AbResult compare_ab(const std::vector<gbjson::Report>& base,
                    const std::vector<gbjson::Report>& candidate, const AbOptions& o) {
  if (base.empty() || base.size() != candidate.size())
    throw CompareError("A/B needs as many baseline reports as candidate reports (got " +
                       std::to_string(base.size()) + " and " + std::to_string(candidate.size()) +
                       ")");
  if (o.metric != "auto") (void)make_metric(o.metric);
  std::vector<std::string> order;
  std::vector<Round> a, b;
  for (std::size_t i = 0; i < base.size(); ++i) {
    a.push_back(round_of(base[i], o, order));
    b.push_back(round_of(candidate[i], o, order));
  }
  if (order.empty()) throw CompareError("no benchmark to compare (check --filter)");

  AbResult result;
  result.metric = o.metric == "auto" ? "auto (tvp_value_ns, else real_time)" : o.metric;
  const bool invert = higher_is_better(o.metric);
  std::vector<std::size_t> tested;
  for (const std::string& name : order) {
    AbRow row;
    row.name = name;
    std::vector<double> logs;
    bool in_a = false, in_b = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const auto ia = a[i].find(name);
      const auto ib = b[i].find(name);
      if (ia != a[i].end()) in_a = true;
      if (ib != b[i].end()) in_b = true;
      if (ib != b[i].end() && ib->second.failed && row.verdict != AbVerdict::failed) {
        row.verdict = AbVerdict::failed;
        row.detail = "round " + std::to_string(i + 1) + ": " + ib->second.error;
      }
      if (ia != a[i].end() && ia->second.failed && row.detail.empty()) {
        row.verdict = AbVerdict::baseline_failed;
        row.detail = "baseline, round " + std::to_string(i + 1) + ": " + ia->second.error;
      }
      if ((ia != a[i].end() && ia->second.suspect) || (ib != b[i].end() && ib->second.suspect)) {
        if (row.detail.empty()) {
          row.verdict = AbVerdict::suspect;
          row.detail = "flagged suspect in round " + std::to_string(i + 1);
        }
      }
      if (ia == a[i].end() || ib == b[i].end() || !ia->second.value || !ib->second.value) continue;
      const double ratio = *ib->second.value / *ia->second.value;
      logs.push_back(std::log(invert ? 1 / ratio : ratio));
    }
    row.rounds = logs.size();
    if (!row.detail.empty()) {
      // failed, baseline_failed or suspect: no verdict from the numbers
    } else if (!in_a || !in_b) {
      row.verdict = AbVerdict::missing;
      row.detail = in_a ? "not in the candidate's reports" : "not in the baseline's reports";
    } else if (logs.size() < std::max<std::size_t>(o.min_rounds, 2)) {
      row.verdict = AbVerdict::inconclusive;
      row.detail = std::to_string(logs.size()) + " round(s) with both values: too few to test";
    } else {
      test_rounds(row, logs, o.confidence);
      tested.push_back(result.rows.size());
    }
    result.rows.push_back(std::move(row));
  }

  std::vector<double> p;
  for (std::size_t i : tested) p.push_back(result.rows[i].p);
  const std::vector<double> adjusted = holm_adjust(p);
  const double worse = 1 + o.min_effect, better = 1 / (1 + o.min_effect);
  for (std::size_t k = 0; k < tested.size(); ++k) {
    AbRow& row = result.rows[tested[k]];
    row.p_holm = adjusted[k];
    const bool significant = row.p_holm < o.alpha;
    if (significant && row.ratio >= worse)
      row.verdict = AbVerdict::regression;
    else if (significant && row.ratio <= better)
      row.verdict = AbVerdict::improvement;
    else if (row.low >= better && row.high <= worse)
      row.verdict = AbVerdict::unchanged;
    else
      row.verdict = AbVerdict::inconclusive;
  }
  return result;
}

}  // namespace tvp::compare
