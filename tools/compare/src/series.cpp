#include "series.hpp"

#include <map>
#include <optional>

#include "compare_error.hpp"

namespace tvp::compare {
namespace {

std::optional<double> metric_value(const gbjson::Entry& e, const Metric& metric) {
  if (metric.name == "real_time") return e.real_time_ns;
  if (metric.name == "cpu_time") return e.cpu_time_ns;
  const auto it = e.counters.find(metric.name);
  if (it == e.counters.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::vector<Series> collect_series(const gbjson::Report& report, const Metric& metric) {
  std::vector<Series> out;
  std::map<std::string, std::size_t> index;
  for (const gbjson::Entry& e : report.benchmarks) {
    if (e.run_type != gbjson::RunType::iteration) {
      // Google Benchmark writes the aggregates after their repetitions.
      const auto it = index.find(e.run_name);
      if (it != index.end() && (e.aggregate_name == "mean" || e.aggregate_name == "median") &&
          gbjson::flagged_suspect(e)) {
        out[it->second].suspect = true;
      }
      continue;
    }
    const auto [it, added] = index.try_emplace(e.run_name, out.size());
    if (added) {
      out.emplace_back();
      out.back().run_name = e.run_name;
      out.back().time_unit = e.time_unit;
    }
    Series& s = out[it->second];
    if (s.time_unit != e.time_unit) {
      throw CompareError(report.path + ": " + e.run_name + ": repetitions disagree on time_unit (" +
                         s.time_unit + " and " + e.time_unit + ")");
    }
    if (e.error_occurred) {
      if (!s.failed) s.error_message = e.error_message;
      s.failed = true;
      continue;
    }
    s.suspect = s.suspect || gbjson::flagged_suspect(e);
    if (const std::optional<double> v = metric_value(e, metric)) {
      s.repetitions.push_back(e.repetition_index);
      s.values.push_back(*v);
    }
  }
  return out;
}

bool report_has_metric(const gbjson::Report& report, const Metric& metric) {
  if (metric.is_time) return true;
  for (const gbjson::Entry& e : report.benchmarks) {
    if (e.run_type == gbjson::RunType::iteration && e.counters.count(metric.name) != 0) return true;
  }
  return false;
}

}  // namespace tvp::compare
