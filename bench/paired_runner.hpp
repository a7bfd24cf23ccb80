// Runs the paired comparisons (paired_groups.hpp): every arm's batch length is calibrated once,
// then rounds of one batch per arm run in the RoundSchedule's order until every ratio's 95%
// interval is as narrow as asked, or the comparison's budget is spent (StopRule). The rounds of all
// comparisons are interleaved in passes over the whole run (see run_groups). The rows
// are Google Benchmark's own Run records, written by its reporters, so the JSON stays readable by
// compare.py and every other reader: one row per round (repetition_index = round; rows of one group
// with the same index were measured in the same round), the usual _mean/_median/_stddev/_cv, and
// one aggregate row per ratio (paired_rows.hpp).
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "matrix.hpp"
#include "options.hpp"
#include "paired_groups.hpp"
#include "tvp/round_schedule.hpp"

namespace tvp::bench {

struct PairingSettings {
  StopRule stop;
  std::chrono::duration<double> batch{0.01};  // a reported arm's timed batch; floor arms a quarter
  std::uint64_t seed = 0;
};

// The settings for these options (--quick: shorter batches and budget), seed drawn when unset.
PairingSettings pairing_settings(const BenchOptions& o);
// One line for the report's context (tvp_pairing).
std::string describe(const PairingSettings& s);

// What a run of groups left to say at the end.
struct PairedOutcome {
  std::vector<std::string> inconclusive;  // "<ratio row>: ±4.1% after 23 rounds"
};

// Where the paired runner stands after a pass over the comparisons not yet done.
struct PassProgress {
  std::size_t pass = 0;   // 1, 2, ...
  std::size_t left = 0;   // comparisons that need more rounds
  std::size_t total = 0;  // comparisons in the run
  // The most the rest can take: the unspent budgets of the comparisons left (most comparisons stop
  // on their budget rather than on the interval, so this is also a fair estimate).
  std::chrono::duration<double> budget_left{0};
};
using PassListener = std::function<void(const PassProgress&)>;

// Runs `groups` in order. Every row goes to `file` (may be null); `display` gets the errors, the
// aggregates and the ratios (the per-round rows only in the file, like
// --benchmark_display_aggregates_only). `first_family_index` numbers the arms' families after
// Google Benchmark's own. `on_pass` hears of the end of every pass.
PairedOutcome run_groups(const std::vector<Group>& groups, const PairingSettings& settings,
                         benchmark::BenchmarkReporter& display, benchmark::BenchmarkReporter* file,
                         std::int64_t first_family_index, const PassListener& on_pass);

}  // namespace tvp::bench
