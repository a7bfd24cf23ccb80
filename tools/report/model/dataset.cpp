#include "model/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

#include "model/suspect_cells.hpp"

namespace tvp::report {
namespace {

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double mean_of(std::vector<double> values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// The entries of one benchmark (same run_name) within one report.
struct EntryGroup {
  std::vector<const gbjson::Entry*> all;
  std::vector<const gbjson::Entry*> iterations;
  std::vector<const gbjson::Entry*> ratios;  // ratio_to_* rows written on this arm
  const gbjson::Entry* median = nullptr;
  const gbjson::Entry* mean = nullptr;
  const gbjson::Entry* failed = nullptr;
};

// Iterations without the aggregate wanted (a run with --benchmark_repetitions but aggregates
// dropped): the median (or, for paired rounds, the mean) of each figure is computed here rather
// than picking one run arbitrarily.
Measurement summary_of_iterations(const std::vector<const gbjson::Entry*>& runs, bool mean) {
  const auto reduce = mean ? mean_of : median_of;
  Measurement m;
  std::vector<double> times;
  std::map<std::string, std::vector<double>> counters;
  for (const gbjson::Entry* e : runs) {
    times.push_back(e->real_time_ns);
    for (const auto& [key, value] : e->counters) counters[key].push_back(value);
  }
  m.real_time_ns = reduce(times);
  for (auto& [key, values] : counters) {
    // A counter missing from some runs would make the "median" a median of a subset; drop it.
    if (values.size() == runs.size()) m.counters[key] = reduce(values);
  }
  m.statistic = std::string(mean ? "mean of " : "median of ") + std::to_string(runs.size()) +
                " runs (computed)";
  return m;
}

Measurement from_entry(const gbjson::Entry& e, std::string statistic) {
  Measurement m;
  m.real_time_ns = e.real_time_ns;
  m.counters = e.counters;
  m.statistic = std::move(statistic);
  return m;
}

// The figure that stands for a benchmark: a paired report's rounds by their mean (what its ratios
// estimate), repetitions by their median, a single run as it is.
Measurement measurement_of(const EntryGroup& g, bool paired, const std::string& path,
                           const std::string& run_name) {
  if (paired && g.mean) {
    const bool rounds =
        !g.iterations.empty() && g.iterations.front()->counters.count("tvp_round") != 0;
    return from_entry(*g.mean,
                      "mean of " + std::to_string(g.mean->repetitions) + (rounds ? " rounds" : ""));
  }
  if (g.median) return from_entry(*g.median, "median of " + std::to_string(g.median->repetitions));
  if (g.iterations.size() == 1) return from_entry(*g.iterations.front(), "single run");
  if (!g.iterations.empty()) return summary_of_iterations(g.iterations, paired);
  throw InputError(path + ": benchmark \"" + run_name +
                   "\" has neither a run nor a median aggregate (only other aggregates)");
}

std::string failure_message(const gbjson::Entry& e) {
  return e.error_message.empty() ? "error_occurred without a message" : e.error_message;
}

void add_ratios(Dataset& data, std::size_t run, const EntryGroup& g,
                const gbjson::BenchmarkName& name) {
  for (const gbjson::Entry* e : g.ratios) {
    data.ratios.push_back(
        {run, e->run_name, name, name_fields(name.suffixes), *gbjson::paired_ratio(*e)});
  }
}

// A ratio is left out when the bench flagged a side of it, or when its other side is a benchmark
// this report lists as suspect or failed; listed then, unless its own arm is already listed.
void drop_suspect_ratios(Dataset& data, std::size_t run, std::size_t first_ratio) {
  std::set<std::string> left_out;
  for (const SuspectCell& s : data.suspects)
    if (s.run == run) left_out.insert(s.run_name);
  for (const FailedBenchmark& f : data.failures)
    if (f.run == run) left_out.insert(f.run_name);
  auto kept = data.ratios.begin() + static_cast<std::ptrdiff_t>(first_ratio);
  for (auto it = kept; it != data.ratios.end(); ++it) {
    const std::optional<std::string> partner = ratio_partner(it->name, it->ratio.kind);
    const bool partner_out = partner && left_out.count(*partner) != 0;
    if (!it->ratio.suspect && !partner_out) {
      if (kept != it) *kept = std::move(*it);  // never a self-move: it would empty the strings
      ++kept;
      continue;
    }
    const std::string why = partner_out ? "its other side, " + *partner + ", is left out"
                                        : "tvp-bench flagged a side of it suspect";
    data.suspects.push_back({run, it->run_name + "_" + it->ratio.kind, why});
  }
  data.ratios.erase(kept, data.ratios.end());
}

void add_report(Dataset& data, std::size_t run, const gbjson::Report& report) {
  const bool paired = data.runs[run].paired;
  std::vector<std::string> order;
  std::map<std::string, EntryGroup> groups;
  for (const gbjson::Entry& e : report.benchmarks) {
    auto [it, inserted] = groups.try_emplace(e.run_name);
    if (inserted) order.push_back(e.run_name);
    EntryGroup& g = it->second;
    g.all.push_back(&e);
    if (e.error_occurred) {
      if (!g.failed) g.failed = &e;
    } else if (e.run_type == gbjson::RunType::iteration) {
      g.iterations.push_back(&e);
    } else if (gbjson::paired_ratio(e)) {
      g.ratios.push_back(&e);
    } else if (e.aggregate_name == "median") {
      g.median = &e;
    } else if (e.aggregate_name == "mean") {
      g.mean = &e;
    }
  }
  const std::size_t first_ratio = data.ratios.size();
  for (const std::string& run_name : order) {
    const EntryGroup& g = groups.at(run_name);
    if (g.failed) {
      data.failures.push_back({run, run_name, failure_message(*g.failed)});
      continue;
    }
    if (const auto why = suspect_reason(g.all)) {
      data.suspects.push_back({run, run_name, *why});
      continue;
    }
    Measurement m = measurement_of(g, paired, report.path, run_name);
    if (!(std::isfinite(m.real_time_ns) && m.real_time_ns > 0)) {
      data.failures.push_back({run, run_name, "real_time is not a positive number"});
      continue;
    }
    m.run = run;
    m.run_name = run_name;
    // Strict loading guarantees every run_name parses.
    m.name = *gbjson::parse_benchmark_name(run_name);
    m.fields = name_fields(m.name.suffixes);
    add_ratios(data, run, g, m.name);
    data.measurements.push_back(std::move(m));
  }
  drop_suspect_ratios(data, run, first_ratio);
}

bool is_paired(const gbjson::Report& report) {
  return report.context.custom.count("tvp_pairing") != 0 ||
         std::any_of(report.benchmarks.begin(), report.benchmarks.end(),
                     [](const gbjson::Entry& e) { return gbjson::paired_ratio(e).has_value(); });
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

const RatioEstimate* Dataset::ratio(std::size_t run, const std::string& kind,
                                    const std::string& run_name) const {
  for (const RatioEstimate& r : ratios) {
    if (r.run == run && r.ratio.kind == kind && r.run_name == run_name) return &r;
  }
  return nullptr;
}

std::vector<const RatioEstimate*> Dataset::ratios_of(const std::string& kind,
                                                     const std::string& family) const {
  std::vector<const RatioEstimate*> out;
  for (const RatioEstimate& r : ratios) {
    if (r.ratio.kind == kind && r.name.family == family) out.push_back(&r);
  }
  return out;
}

bool Dataset::any_paired() const {
  return std::any_of(runs.begin(), runs.end(), [](const Run& r) { return r.paired; });
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
    data.runs.push_back({label, r.path, r.context, is_paired(r)});
    data.transports.add_context(r.context, r.path);
    const std::size_t before = data.measurements.size();
    add_report(data, i, r);
    if (data.measurements.size() == before) {
      throw InputError(r.path + ": every benchmark failed, is suspect or has no usable time (" +
                       std::to_string(r.benchmarks.size()) + " entries), nothing to chart");
    }
  }
  // After every context: a name one report lists keeps its place even where an earlier report
  // measured it without listing it.
  for (const Measurement& m : data.measurements) data.transports.add_seen(m.name.transport);
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
