// tvp-bench's default console: one short line per benchmark, with its place in the run and an
// estimate of the time left, e.g.
//   [ 212/1134   3:10 left] latency/pipe/process/cross_core/8  13.4 µs  p99 20.1 µs
//                            ÷thread 1.04 [1.01-1.07]         (on the same line)
// instead of Google Benchmark's table of ~300 columns of counters (--tvp_console=full keeps that).
// The report file is not affected: every counter of every row is still in the JSON.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "paired_runner.hpp"

namespace tvp::bench {

// What the run will do, known before it starts.
struct RunPlan {
  std::size_t unpaired = 0;     // Google Benchmark's instances that the filter selects
  std::size_t paired_rows = 0;  // reported (non-floor) arms of the paired comparisons
  std::size_t comparisons = 0;  // paired comparisons
  std::chrono::duration<double> comparison_budget{0};  // the time cap of one comparison
};

// Google Benchmark's instances that --benchmark_filter selects. Google Benchmark 1.7.1 has no API
// to count them; this runs its runner once in listing mode (the flag behind
// --benchmark_list_tests, exported by the library) into a discarded stream. Runs nothing.
std::size_t count_unpaired_benchmarks();

class ProgressConsole final : public benchmark::BenchmarkReporter {
 public:
  explicit ProgressConsole(const RunPlan& plan);

  bool ReportContext(const Context& context) override;
  // One call per benchmark: Google Benchmark's runner reports an instance's repetitions and
  // aggregates together, the paired runner an arm's aggregates and ratios (or its error).
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

  // The paired runner finished a pass over its comparisons.
  void pass_done(const PassProgress& p);

 private:
  using Clock = std::chrono::steady_clock;
  std::string place(bool counted) const;
  double seconds_left() const;
  void print(const std::string& line);

  RunPlan plan_;
  std::size_t done_ = 0;           // benchmarks reported so far
  std::size_t unpaired_done_ = 0;  // of which Google Benchmark's
  Clock::time_point start_ = Clock::now();
  std::optional<Clock::time_point> paired_start_;  // when the first unpaired-phase line was past
  std::optional<double> paired_left_;              // from the last pass; 0 once all passes ended
  bool passes_over_ = false;
};

}  // namespace tvp::bench
