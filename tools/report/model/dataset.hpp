// The reports reduced to what the charts and tables plot: one Measurement per benchmark per input
// report, taken from the median aggregate when repetitions exist (a median is not moved by one
// preempted repetition), else from the single run. A report of paired rounds (tvp-bench's
// ratio_to_* rows) is read from its _mean aggregates instead, the statistic its ratios estimate,
// and its ratio rows are kept with their intervals. Cells flagged suspect are kept out of both and
// listed with their reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/transport_legend.hpp"
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
  bool paired = false;  // measured in paired rounds: has ratio_to_* rows or tvp_pairing context
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
  // "median of 5", "mean of 12 rounds", "single run", "median of 3 runs (computed)"
  std::string statistic;

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

// One ratio_to_* row of a paired report: the arm it is written on (the numerator) and its figures.
struct RatioEstimate {
  std::size_t run = 0;
  std::string run_name;  // the arm's run_name
  gbjson::BenchmarkName name;
  std::vector<std::pair<std::string, std::string>> fields;  // as Measurement::fields
  gbjson::PairedRatio ratio;
};

// A benchmark (or a ratio) left out of every chart, table and ratio because the run's self-check
// found it faster than the run's floor: a measuring error, not a result.
struct SuspectCell {
  std::size_t run = 0;
  std::string run_name;  // the benchmark; for a ratio "<arm>_<kind>"
  std::string reason;
};

struct Dataset {
  std::vector<Run> runs;
  std::vector<Measurement> measurements;  // in report order, then file order
  std::vector<FailedBenchmark> failures;  // error_occurred, or no usable time
  std::vector<RatioEstimate> ratios;      // paired ratio rows, neither side suspect; file order
  std::vector<SuspectCell> suspects;      // in report order, then file order
  // Reading order and colours of the names in the transport field: the reports' context lists
  // first, then the names only the benchmarks carry, in order of first appearance.
  TransportLegend transports;

  // The ratio row `kind` ("ratio_to_thread"...) written on arm `run_name` of `run`; nullptr when
  // there is none (an unpaired report, a suspect side, a ratio the bench does not write).
  const RatioEstimate* ratio(std::size_t run, const std::string& kind,
                             const std::string& run_name) const;
  // Every ratio row of `kind` whose arm is in `family`, in file order.
  std::vector<const RatioEstimate*> ratios_of(const std::string& kind,
                                              const std::string& family) const;
  bool any_paired() const;

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
