// The reports reduced to what the charts and tables plot: one Measurement per benchmark per input
// report, taken from the median aggregate when repetitions exist (a median is not moved by one
// preempted repetition), else from the single run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "tvp/gbjson.hpp"

namespace tvp::report {

// Bad input the tool refuses: what() is one line, "<file>: <problem>"; the tool exits 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Run {
  std::string label;  // --label, or the file stem
  std::string path;
  gbjson::Context context;
};

struct Measurement {
  std::size_t run = 0;  // index into Dataset::runs
  gbjson::BenchmarkName name;
  std::string run_name;  // the benchmark's full run_name, suffixes included
  double real_time_ns = 0;
  // The name's own key:value fields after <bytes> (rate_pct:50, pairs:4, codec:msgpack) in name
  // order: part of what the benchmark is, so they are part of every line's identity. Google
  // Benchmark's suffixes (manual_time, iterations:N, repeats:N, ...) are not among them.
  std::vector<std::pair<std::string, std::string>> fields;
  std::map<std::string, double> counters;
  std::string statistic;  // "median of 5", "single run", "median of 3 runs (computed)"

  // NaN when the counter is absent or not finite.
  double counter(const std::string& key) const;
  // The value of name field `key`, "" when the name has none.
  std::string field(const std::string& key) const;
};

struct FailedBenchmark {
  std::size_t run = 0;
  std::string run_name;
  std::string message;
};

struct Dataset {
  std::vector<Run> runs;
  std::vector<Measurement> measurements;  // in report order, then file order
  std::vector<FailedBenchmark> failures;  // error_occurred, or no usable time

  // Every measurement of `family` (all runs), in order.
  std::vector<const Measurement*> family(const std::string& family) const;
  // The families present, in order of first appearance.
  std::vector<std::string> families() const;
  bool several_runs() const { return runs.size() > 1; }
  // " [label]" when several reports are compared, else "": appended to every legend entry.
  std::string run_suffix(std::size_t run) const;
};

// The key:value suffixes of a benchmark name that are not Google Benchmark's own options.
std::vector<std::pair<std::string, std::string>> name_fields(
    const std::vector<std::string>& suffixes);

// Builds the data set from reports already loaded. `labels` is empty (file stems are used) or has
// one label per report. Throws InputError for duplicate labels, a report whose every benchmark
// failed, and benchmarks that cannot be reduced to one figure.
Dataset build_dataset(const std::vector<gbjson::Report>& reports,
                      const std::vector<std::string>& labels);

// Loads every file with strict naming (a name outside the scheme is an error naming the file and
// the benchmark) and builds the data set. Throws InputError with gbjson's one-line message.
Dataset load_dataset(const std::vector<std::string>& paths, const std::vector<std::string>& labels);

}  // namespace tvp::report
