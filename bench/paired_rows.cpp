#include "paired_rows.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

namespace tvp::bench {
namespace {

benchmark::BenchmarkName name_of(const std::string& function_name, bool manual_time) {
  benchmark::BenchmarkName n;
  n.function_name = function_name;
  n.time_type = manual_time ? "manual_time" : "real_time";
  return n;
}

double mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
double stddev(const std::vector<double>& v) {
  const double m = mean(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}
double cv(const std::vector<double>& v) {
  const double m = mean(v);
  return m == 0 ? 0 : stddev(v) / m;
}

}  // namespace

Run batch_row(const std::string& function_name, bool manual_time, const BatchState& batch) {
  Run r;
  r.run_name = name_of(function_name, manual_time);
  r.run_type = Run::RT_Iteration;
  r.iterations = batch.iterations();
  r.threads = 1;
  r.time_unit = benchmark::kNanosecond;
  r.real_accumulated_time = batch.seconds();
  r.cpu_accumulated_time = batch.cpu_seconds();
  r.counters = batch.finished_counters();
  return r;
}

Run error_row(const std::string& function_name, bool manual_time, const std::string& message) {
  Run r;
  r.run_name = name_of(function_name, manual_time);
  r.error_occurred = true;
  r.error_message = message;
  r.time_unit = benchmark::kNanosecond;
  r.repetitions = 1;
  r.repetition_index = 0;
  return r;
}

std::vector<Run> aggregate_rows(const std::vector<Run>& rows,
                                const std::vector<std::string>& not_aggregated) {
  const auto n = static_cast<double>(rows.size());
  std::vector<double> real, cpu;
  std::map<std::string, std::vector<double>> counters;
  for (const Run& r : rows) {
    const auto iters = static_cast<double>(r.iterations);
    real.push_back(r.real_accumulated_time / iters);
    cpu.push_back(r.cpu_accumulated_time / iters);
    for (const auto& [name, c] : r.counters)
      if (std::find(not_aggregated.begin(), not_aggregated.end(), name) == not_aggregated.end())
        counters[name].push_back(c.value);
  }
  using Stat = std::function<double(const std::vector<double>&)>;
  const std::pair<const char*, Stat> stats[] = {
      {"mean", mean}, {"median", median}, {"stddev", stddev}, {"cv", cv}};
  std::vector<Run> out;
  for (const auto& [stat_name, stat] : stats) {
    Run a;
    a.run_name = rows.front().run_name;
    a.family_index = rows.front().family_index;
    a.per_family_instance_index = rows.front().per_family_instance_index;
    a.run_type = Run::RT_Aggregate;
    a.aggregate_name = stat_name;
    a.threads = 1;
    a.repetitions = rows.front().repetitions;
    a.repetition_index = Run::no_repetition_index;
    a.time_unit = rows.front().time_unit;
    // Google Benchmark's convention: an aggregate's "iterations" are the repetitions, and its time
    // is accumulated over them (real_time = accumulated / iterations); a percentage is written as
    // it is.
    a.iterations = static_cast<benchmark::IterationCount>(rows.size());
    const bool percentage = std::string_view(stat_name) == "cv";
    a.aggregate_unit = percentage ? benchmark::kPercentage : benchmark::kTime;
    const double scale = percentage ? 1 : n;
    a.real_accumulated_time = stat(real) * scale;
    a.cpu_accumulated_time = stat(cpu) * scale;
    for (const auto& [name, values] : counters)
      // A counter only some rows have (p99_ns needs 1,000 samples) is aggregated only if all do.
      if (values.size() == rows.size()) a.counters[name] = benchmark::Counter(stat(values));
    out.push_back(std::move(a));
  }
  return out;
}

Run ratio_row(const Run& like, const std::string& aggregate_name, const RatioInterval& r,
              bool target_met, bool suspect) {
  Run a;
  a.run_name = like.run_name;
  a.family_index = like.family_index;
  a.per_family_instance_index = like.per_family_instance_index;
  a.run_type = Run::RT_Aggregate;
  a.aggregate_name = aggregate_name;
  a.aggregate_unit = benchmark::kPercentage;
  a.threads = 1;
  a.repetitions = like.repetitions;
  a.repetition_index = Run::no_repetition_index;
  a.time_unit = like.time_unit;
  a.iterations = static_cast<benchmark::IterationCount>(r.rounds);
  a.real_accumulated_time = r.estimate;
  a.cpu_accumulated_time = r.estimate;
  a.counters["ci_low"] = r.low;
  a.counters["ci_high"] = r.high;
  a.counters["rounds"] = static_cast<double>(r.rounds);
  a.counters["half_width"] = r.half_width;
  a.counters["target_met"] = target_met ? 1 : 0;
  a.counters["suspect"] = suspect ? 1 : 0;
  return a;
}

}  // namespace tvp::bench
