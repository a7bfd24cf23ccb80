#include "tracker_export.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

namespace tvp::tracker_export {
namespace {

namespace gb = tvp::gbjson;

// Everything one run_name contributes, gathered over the whole file (a name may come back later).
struct Group {
  std::string run_name;
  std::vector<const gb::Entry*> repetitions;  // successful iteration rows
  const gb::Entry* median = nullptr;          // Google Benchmark's `_median` aggregate
  std::string error;                          // first error_message; set when any row failed
  bool failed = false;
  bool suspect = false;
};

std::vector<Group> group_by_run_name(const gb::Report& report) {
  std::vector<Group> groups;
  std::map<std::string, std::size_t> index;
  for (const gb::Entry& e : report.benchmarks) {
    const auto [it, added] = index.try_emplace(e.run_name, groups.size());
    if (added) {
      groups.emplace_back();
      groups.back().run_name = e.run_name;
    }
    Group& g = groups[it->second];
    if (e.error_occurred) {
      if (!g.failed) g.error = e.error_message;
      g.failed = true;
      continue;
    }
    // tvp-bench puts the suspect flag on repetitions and on the mean/median rows of a cell (and on
    // its ratio rows, which only echo it): the same rows tvp-compare looks at.
    const bool time_row = e.run_type == gb::RunType::iteration || e.aggregate_name == "mean" ||
                          e.aggregate_name == "median";
    if (time_row && gb::flagged_suspect(e)) g.suspect = true;
    if (e.run_type == gb::RunType::iteration) {
      g.repetitions.push_back(&e);
    } else if (e.aggregate_name == "median" && !e.holds_ratio()) {
      g.median = &e;
    }
  }
  return groups;
}

// Google Benchmark's own median (statistics.cc): the middle value, or the mean of the two middle.
std::optional<double> median_of(std::vector<double> values) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

struct Value {
  double real_ns = NAN;
  double cpu_ns = NAN;
  std::int64_t iterations = 0;
  std::int64_t threads = 1;
};

// `metric` of one row in ns: real_time converted from its time_unit, or a `*_ns` counter as written
// (NaN when the row does not have it).
double metric_ns(const gb::Entry& e, const std::string& metric) {
  if (metric == "real_time") return e.real_time_ns;
  const auto it = e.counters.find(metric);
  return it == e.counters.end() ? NAN : it->second;
}

// The `_median` row when it has a finite value; otherwise (a single repetition, or a report written
// without aggregates) the median of the repetitions, computed the way Google Benchmark does.
std::optional<Value> median_value(const Group& g, const std::string& metric) {
  if (g.median != nullptr && std::isfinite(metric_ns(*g.median, metric))) {
    return Value{metric_ns(*g.median, metric), g.median->cpu_time_ns, g.median->iterations,
                 g.median->threads};
  }
  std::vector<double> value;
  std::vector<double> cpu;
  for (const gb::Entry* e : g.repetitions) {
    value.push_back(metric_ns(*e, metric));
    cpu.push_back(e->cpu_time_ns);
  }
  const std::optional<double> value_ns = median_of(value);
  if (!value_ns) return std::nullopt;
  Value v;
  v.real_ns = *value_ns;
  v.cpu_ns = median_of(cpu).value_or(NAN);
  v.iterations = g.repetitions.size() == 1 ? g.repetitions.front()->iterations
                                           : static_cast<std::int64_t>(g.repetitions.size());
  v.threads = g.repetitions.front()->threads;
  return v;
}

nlohmann::ordered_json entry_json(const Group& g, const Value& v) {
  nlohmann::ordered_json out = {
      {"name", g.run_name},       {"run_name", g.run_name},
      {"run_type", "aggregate"},  {"aggregate_name", "median"},
      {"aggregate_unit", "time"}, {"repetitions", static_cast<std::int64_t>(g.repetitions.size())},
      {"threads", v.threads},     {"iterations", v.iterations},
      {"real_time", v.real_ns},   {"time_unit", "ns"},
  };
  // Absent rather than null: github-action-benchmark only prints cpu_time in a tooltip.
  if (std::isfinite(v.cpu_ns)) out["cpu_time"] = v.cpu_ns;
  return out;
}

// Bencher's BenchmarkName must be non-empty and at most 1,024 bytes (bencher_valid).
constexpr std::size_t kMaxNameBytes = 1024;

}  // namespace

Export make_export(const gb::Report& report, const std::string& metric) {
  Export out;
  nlohmann::ordered_json benchmarks = nlohmann::ordered_json::array();
  for (const Group& g : group_by_run_name(report)) {
    std::optional<Value> v;
    if (g.failed) {
      out.left_out.push_back(g.run_name + ": failed (" + g.error + ")");
    } else if (g.suspect) {
      out.left_out.push_back(g.run_name + ": suspect (faster than its run's floor)");
    } else if (g.run_name.empty() || g.run_name.size() > kMaxNameBytes) {
      out.left_out.push_back(g.run_name.substr(0, 80) + ": name empty or over 1024 bytes");
    } else if (!(v = median_value(g, metric))) {
      // Also the run_names that only have ratio or _cv rows: nothing there is a time.
      out.left_out.push_back(g.run_name + ": no finite " + metric);
    } else {
      benchmarks.push_back(entry_json(g, *v));
    }
  }
  out.exported = benchmarks.size();

  nlohmann::ordered_json context = nlohmann::ordered_json::object();
  if (report.context.raw.is_object()) context = report.context.raw;
  if (!context.contains("caches") || !context["caches"].is_array()) {
    context["caches"] = nlohmann::ordered_json::array();
  }
  context["tvp_export"] = "one entry per benchmark: real_time = median " + metric +
                          " over its repetitions, in ns; ratio rows and _mean/_stddev/_cv left out";
  context["tvp_export_source"] = std::filesystem::path(report.path).filename().string();
  context["tvp_export_left_out"] = out.left_out;
  out.document = {{"context", std::move(context)}, {"benchmarks", std::move(benchmarks)}};
  return out;
}

}  // namespace tvp::tracker_export
