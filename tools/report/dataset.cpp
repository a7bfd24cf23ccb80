#include "dataset.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

namespace tvp::report {
namespace {

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The entries of one benchmark (same run_name) within one report.
struct EntryGroup {
  std::vector<const gbjson::Entry*> iterations;
  const gbjson::Entry* median = nullptr;
  const gbjson::Entry* failed = nullptr;
};

// Iterations without a median aggregate (a run with --benchmark_repetitions but aggregates
// dropped): the median of each figure is computed here rather than picking one run arbitrarily.
Measurement median_of_iterations(const std::vector<const gbjson::Entry*>& runs) {
  Measurement m;
  std::vector<double> times;
  std::map<std::string, std::vector<double>> counters;
  for (const gbjson::Entry* e : runs) {
    times.push_back(e->real_time_ns);
    for (const auto& [key, value] : e->counters) counters[key].push_back(value);
  }
  m.real_time_ns = median_of(times);
  for (auto& [key, values] : counters) {
    // A counter missing from some runs would make the "median" a median of a subset; drop it.
    if (values.size() == runs.size()) m.counters[key] = median_of(values);
  }
  m.statistic = "median of " + std::to_string(runs.size()) + " runs (computed)";
  return m;
}

void add_report(Dataset& data, std::size_t run, const gbjson::Report& report) {
  std::vector<std::string> order;
  std::map<std::string, EntryGroup> groups;
  for (const gbjson::Entry& e : report.benchmarks) {
    auto [it, inserted] = groups.try_emplace(e.run_name);
    if (inserted) order.push_back(e.run_name);
    EntryGroup& g = it->second;
    if (e.error_occurred) {
      if (!g.failed) g.failed = &e;
    } else if (e.run_type == gbjson::RunType::iteration) {
      g.iterations.push_back(&e);
    } else if (e.aggregate_name == "median") {
      g.median = &e;
    }
  }
  for (const std::string& run_name : order) {
    const EntryGroup& g = groups.at(run_name);
    if (g.failed) {
      const std::string msg = g.failed->error_message.empty() ? "error_occurred without a message"
                                                              : g.failed->error_message;
      data.failures.push_back({run, run_name, msg});
      continue;
    }
    Measurement m;
    if (g.median) {
      m.real_time_ns = g.median->real_time_ns;
      m.counters = g.median->counters;
      m.statistic = "median of " + std::to_string(g.median->repetitions);
    } else if (g.iterations.size() == 1) {
      m.real_time_ns = g.iterations.front()->real_time_ns;
      m.counters = g.iterations.front()->counters;
      m.statistic = "single run";
    } else if (!g.iterations.empty()) {
      m = median_of_iterations(g.iterations);
    } else {
      throw InputError(report.path + ": benchmark \"" + run_name +
                       "\" has neither a run nor a median aggregate (only other aggregates)");
    }
    if (!(std::isfinite(m.real_time_ns) && m.real_time_ns > 0)) {
      data.failures.push_back({run, run_name, "real_time is not a positive number"});
      continue;
    }
    m.run = run;
    m.run_name = run_name;
    // Strict loading guarantees every run_name parses.
    m.name = *gbjson::parse_benchmark_name(run_name);
    m.fields = name_fields(m.name.suffixes);
    data.measurements.push_back(std::move(m));
  }
}

}  // namespace

double Measurement::counter(const std::string& key) const {
  const auto it = counters.find(key);
  if (it == counters.end() || !std::isfinite(it->second)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return it->second;
}

std::string Measurement::field(const std::string& key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return v;
  }
  return "";
}

std::vector<std::pair<std::string, std::string>> name_fields(
    const std::vector<std::string>& suffixes) {
  // Google Benchmark 1.7.1 appends these itself (Iterations, Repetitions, MinTime, MinWarmUpTime,
  // Threads); as a line's identity they would split one benchmark by how it was timed.
  static const std::set<std::string> kOwnOptions{"iterations", "repeats", "min_time",
                                                 "min_warmup_time", "threads"};
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& s : suffixes) {
    const std::size_t colon = s.find(':');
    if (colon == std::string::npos || colon == 0) continue;
    std::string key = s.substr(0, colon);
    if (kOwnOptions.count(key) == 0) out.emplace_back(std::move(key), s.substr(colon + 1));
  }
  return out;
}

std::vector<const Measurement*> Dataset::family(const std::string& name) const {
  std::vector<const Measurement*> out;
  for (const Measurement& m : measurements) {
    if (m.name.family == name) out.push_back(&m);
  }
  return out;
}

std::string Dataset::run_suffix(std::size_t run) const {
  return several_runs() ? " [" + runs.at(run).label + "]" : "";
}

std::vector<std::string> Dataset::families() const {
  std::vector<std::string> out;
  for (const Measurement& m : measurements) {
    if (std::find(out.begin(), out.end(), m.name.family) == out.end()) out.push_back(m.name.family);
  }
  return out;
}

Dataset build_dataset(const std::vector<gbjson::Report>& reports,
                      const std::vector<std::string>& labels) {
  Dataset data;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const gbjson::Report& r = reports[i];
    const std::string label =
        labels.empty() ? std::filesystem::path(r.path).stem().string() : labels[i];
    if (!seen.insert(label).second) {
      throw InputError(r.path + ": label \"" + label +
                       "\" is already used by another report; give each one a --label");
    }
    data.runs.push_back({label, r.path, r.context});
    const std::size_t before = data.measurements.size();
    add_report(data, i, r);
    if (data.measurements.size() == before) {
      throw InputError(r.path + ": every benchmark failed or has no usable time (" +
                       std::to_string(r.benchmarks.size()) + " entries), nothing to chart");
    }
  }
  return data;
}

Dataset load_dataset(const std::vector<std::string>& paths,
                     const std::vector<std::string>& labels) {
  std::vector<gbjson::Report> reports;
  for (const std::string& p : paths) {
    try {
      reports.push_back(gbjson::load_report(p, gbjson::Naming::strict));
    } catch (const gbjson::Error& e) {
      throw InputError(e.what());
    }
  }
  return build_dataset(reports, labels);
}

}  // namespace tvp::report
