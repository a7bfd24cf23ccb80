#include "paired_runner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <random>
#include <stdexcept>

#include "batch_state.hpp"
#include "paired_rows.hpp"
#include "tvp/paired_ratio.hpp"

namespace tvp::bench {
namespace {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

constexpr std::int64_t kMaxIterations = 100'000'000;
// Counters that say where a row stood in its round: not something to average.
const std::vector<std::string> kBookkeeping = {"tvp_round", "tvp_order"};

struct ArmFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

BatchState run_batch(const Arm& arm, std::int64_t n) {
  BatchState state(n, arm.manual_time);
  arm.body(state);
  if (state.error_occurred()) throw ArmFailed(state.error_message());
  return state;
}

// Iterations for a batch of about `target`: grow tenfold from one until a batch takes a tenth of
// the target (Google Benchmark's own rule) and holds at least kMinCalibrationIterations, then scale.
// The minimum matters: a batch has a fixed cost (a stream's last window drains, a wake-up may wait
// for a scheduler tick), and a first batch of one message that met a 1 ms tick once set a
// throughput arm to 5 messages per batch, measuring the fixed cost 3,000x over. These batches are
// warm-up, not results.
constexpr std::int64_t kMinCalibrationIterations = 100;
std::int64_t calibrate(const Arm& arm, double target) {
  std::int64_t n = 1;
  for (int tries = 0;; ++tries) {
    const BatchState st = run_batch(arm, n);
    const double t = st.seconds();
    const bool long_enough = t >= target / 10 && st.iterations() >= kMinCalibrationIterations;
    if (long_enough || t >= target || tries == 8 || n >= kMaxIterations) {
      const double per = t / static_cast<double>(std::max<std::int64_t>(1, st.iterations()));
      if (!(per > 0)) return n;
      return std::clamp<std::int64_t>(std::llround(target / per), 1, kMaxIterations);
    }
    n *= 10;
  }
}

// The value of one batch that its ratios compare, in seconds per iteration: the median round trip
// where the batch timed every one (latency/, bare/: p50_ns), the median chunk of 64 round trips for
// the cache-line floor, else the mean (throughput/, memcpy). A median where there is one, because
// on a shared VM a 10 ms batch can hold a 1-3 ms stall of the whole guest that says nothing about
// the transport and moves a mean by tens of percent (the mean stays in each row's real_time).
// Throughput keeps the mean: a stream's windows alternate between filling the window and waiting
// for acknowledgements, so the median window is bimodal and says nothing stable (tried: process ÷
// thread swung 100× between two runs).
double round_value(const BatchState& st) {
  const auto it = st.counters.find("p50_ns");
  if (it != st.counters.end() && it->second.value > 0) return it->second.value * 1e-9;
  const double chunk = st.median_chunk_seconds_per_iteration();
  if (!std::isnan(chunk) && chunk > 0) return chunk;
  return st.seconds() / static_cast<double>(std::max<std::int64_t>(1, st.iterations()));
}

// A floor batch's lower bound, for the suspect check: its fastest chunk, or its value.
double best_value(const BatchState& st) {
  const double chunk = st.min_chunk_seconds_per_iteration();
  return !std::isnan(chunk) && chunk > 0 ? chunk : round_value(st);
}

std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

struct ArmRun {
  std::int64_t n = 0;
  std::vector<Run> rows;        // one per round
  std::vector<double> per_iter;  // round_value() of each round
  std::vector<double> best;      // best_value() of each round: a floor's lower bound
  std::optional<std::string> error;
  bool healthy() const { return !error.has_value(); }
};

RatioInterval ratio_of(const RatioSpec& spec, const std::vector<ArmRun>& runs) {
  const auto& num = runs[spec.numerator].per_iter;
  const auto& den = runs[spec.denominator].per_iter;
  // Bandwidth is bytes over time: the ratio of bandwidths is the inverse ratio of times.
  return spec.as_bandwidth ? paired_ratio(den, num) : paired_ratio(num, den);
}

bool usable(const RatioSpec& spec, const std::vector<ArmRun>& runs) {
  return runs[spec.numerator].healthy() && runs[spec.denominator].healthy() &&
         runs[spec.numerator].per_iter.size() >= 2;
}

class GroupRunner {
 public:
  GroupRunner(const Group& g, const PairingSettings& s, std::uint64_t seed)
      : g_(g), s_(s), schedule_(g.arms.size(), seed), runs_(g.arms.size()) {}

  // A comparison with a failed arm stops: at the end of calibration (every arm is tried, so each
  // failure is reported with its own cause), or at once in a round (that round is incomplete and
  // dropped). The rounds completed before stay: each is a whole measurement of every healthy arm.
  void calibrate_arms() {
    const auto start = Clock::now();
    for (std::size_t a = 0; a < g_.arms.size(); ++a) try {
        runs_[a].n = calibrate(g_.arms[a], target(a));
      } catch (const std::exception& e) {
        runs_[a].error = e.what();
      }
    spent_ += Clock::now() - start;
    done_ = failed();
  }

  // One round: a batch of every arm in the schedule's order. Then decides whether the comparison
  // is done (StopRule over the time spent on this comparison, not the wall clock).
  void round() {
    if (done_) return;
    const auto start = Clock::now();
    const std::vector<std::size_t>& order = schedule_.next();
    for (std::size_t pos = 0; pos < order.size() && !failed(); ++pos)
      run_one(order[pos], rounds_, pos);
    spent_ += Clock::now() - start;
    rounds_time_ += Clock::now() - start;
    if (failed()) {
      for (ArmRun& r : runs_)
        if (r.healthy()) {
          r.rows.resize(rounds_);
          r.per_iter.resize(rounds_);
          r.best.resize(rounds_);
        }
      done_ = true;
      return;
    }
    ++rounds_;
    done_ = s_.stop.done(rounds_, widest_half_width(), spent_);
  }

  bool done() const { return done_; }
  std::size_t rounds() const { return rounds_; }
  // The time this comparison may still take: what is left of its budget, but at least its rounds
  // still owed to the minimum (a slow calibration can spend the budget before the first round).
  Seconds budget_left() const {
    if (done_) return Seconds{0};
    const Seconds per_round =
        rounds_ > 0 ? rounds_time_ / static_cast<double>(rounds_) : Seconds{0};
    const std::size_t owed = s_.stop.min_rounds > rounds_ ? s_.stop.min_rounds - rounds_ : 0;
    return std::max(Seconds(s_.stop.budget) - spent_, per_round * static_cast<double>(owed));
  }

  // The first failure, for the arms it stopped: "<arm>: <cause>".
  std::optional<std::string> first_failure() const {
    for (std::size_t a = 0; a < g_.arms.size(); ++a)
      if (!runs_[a].healthy()) return g_.arms[a].full_name() + ": " + *runs_[a].error;
    return std::nullopt;
  }

  const std::vector<ArmRun>& runs() const { return runs_; }

 private:
  double target(std::size_t a) const {
    // The floor is cheap to pin down (a cache line, one memcpy): a quarter of the batch suffices.
    return g_.arms[a].is_floor ? s_.batch.count() / 4 : s_.batch.count();
  }

  void run_one(std::size_t a, std::size_t round, std::size_t pos) {
    ArmRun& r = runs_[a];
    if (!r.healthy()) return;
    try {
      const BatchState st = run_batch(g_.arms[a], r.n);
      Run row = batch_row(g_.arms[a].name, g_.arms[a].manual_time, st);
      const double value = round_value(st);
      row.counters["tvp_round"] = static_cast<double>(round);
      row.counters["tvp_order"] = static_cast<double>(pos);
      // What this row's ratios compare, so a reader can recompute every interval from the rows.
      row.counters["tvp_value_ns"] = value * 1e9;
      r.rows.push_back(std::move(row));
      r.per_iter.push_back(value);
      r.best.push_back(best_value(st));
    } catch (const std::exception& e) {
      r.error = e.what();
    }
  }

  bool failed() const {
    return std::any_of(runs_.begin(), runs_.end(), [](const ArmRun& r) { return !r.healthy(); });
  }

  double widest_half_width() const {
    double widest = 0;
    for (const RatioSpec& spec : g_.ratios)
      if (usable(spec, runs_)) widest = std::max(widest, ratio_of(spec, runs_).half_width);
    return widest;
  }

  const Group& g_;
  const PairingSettings& s_;
  RoundSchedule schedule_;
  std::vector<ArmRun> runs_;
  std::size_t rounds_ = 0;
  Seconds spent_{0};        // calibration and rounds: what the budget counts
  Seconds rounds_time_{0};  // rounds only
  bool done_ = false;
};

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
  return buf;
}

// Reports every arm of a finished group.
void report_group(const Group& g, const PairingSettings& s, std::vector<ArmRun>& runs,
                  std::size_t rounds, const std::optional<std::string>& failure,
                  benchmark::BenchmarkReporter& display,
                  benchmark::BenchmarkReporter* file, std::int64_t& family,
                  PairedOutcome& outcome) {
  // Suspect: faster than the hardware's best in this comparison — the arm's median round below
  // the fastest floor chunk of all its rounds — a measuring error, not a fast transport. The
  // floor's best, not its typical value, because a spinning cache-line pair with one side
  // preempted by a busy machine reads 100x slow in every round, while a broken transport that
  // skips the hand-over is faster than the floor's best however the machine is loaded. Still weak:
  // when every floor chunk was preempted (1 ms smoke batches while both CPUs run other work, seen
  // with a compiler on each) sound kernel transports read faster than that "floor".
  std::vector<bool> suspect(g.arms.size(), false);
  for (std::size_t a = 0; a < g.arms.size(); ++a) {
    const Arm& arm = g.arms[a];
    if (!arm.bounded_by_floor || !arm.floor || !runs[a].healthy() || !runs[*arm.floor].healthy() ||
        runs[a].per_iter.empty())
      continue;
    const auto& best = runs[*arm.floor].best;
    std::vector<double> v = runs[a].per_iter;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    suspect[a] = v[v.size() / 2] < *std::min_element(best.begin(), best.end());
  }
  for (std::size_t a = 0; a < g.arms.size(); ++a) {
    const Arm& arm = g.arms[a];
    ArmRun& r = runs[a];
    if (!r.healthy()) {
      const Run err = error_row(arm.name, arm.manual_time, *r.error);
      display.ReportRuns({err});
      if (file) file->ReportRuns({err});
      continue;
    }
    if (!arm.reported()) continue;
    if (r.rows.empty()) {
      const Run err = error_row(arm.name, arm.manual_time,
                                "not measured: its comparison stopped when " +
                                    failure.value_or("another arm failed"));
      display.ReportRuns({err});
      if (file) file->ReportRuns({err});
      continue;
    }
    const ArmRun* floor = arm.floor && runs[*arm.floor].healthy() ? &runs[*arm.floor] : nullptr;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
      Run& row = r.rows[i];
      row.family_index = family;
      row.per_family_instance_index = 0;
      row.repetitions = static_cast<std::int64_t>(rounds);
      row.repetition_index = static_cast<std::int64_t>(i);
      row.counters["suspect"] = suspect[a] ? 1 : 0;
      // A partner has no rows: its tvp_value_ns of the same round goes on this row as
      // vs_<partner>_ns ("ratio_to_" cut off), so every versus ratio can be recomputed too.
      for (const RatioSpec& spec : g.ratios)
        if (spec.numerator == a && g.arms[spec.denominator].partner &&
            runs[spec.denominator].healthy() && i < runs[spec.denominator].per_iter.size())
          row.counters["vs_" + spec.aggregate_name.substr(std::string_view("ratio_to_").size()) +
                       "_ns"] = runs[spec.denominator].per_iter[i] * 1e9;
      if (!floor) continue;
      row.counters["floor_ns"] = floor->per_iter[i] * 1e9;  // the floor's tvp_value_ns
      const auto bps = floor->rows[i].counters.find("bytes_per_second");
      if (bps != floor->rows[i].counters.end())
        row.counters["floor_bytes_per_second"] = bps->second.value;
    }
    ++family;
    std::vector<Run> summary;
    if (r.rows.size() >= 2) summary = aggregate_rows(r.rows, kBookkeeping);
    for (const RatioSpec& spec : g.ratios) {
      if (spec.numerator != a || !usable(spec, runs)) continue;
      const RatioInterval ri = ratio_of(spec, runs);
      const bool met = ri.half_width <= s.stop.target_half_width;
      summary.push_back(ratio_row(r.rows.front(), spec.aggregate_name, ri, met,
                                  suspect[spec.numerator] || suspect[spec.denominator]));
      if (!met)
        outcome.inconclusive.push_back(summary.back().benchmark_name() + ": ±" +
                                       percent(ri.half_width) + " after " +
                                       std::to_string(ri.rounds) + " rounds");
    }
    display.ReportRuns(r.rows.size() >= 2 ? summary : r.rows);
    if (file) {
      std::vector<Run> all = r.rows;
      all.insert(all.end(), summary.begin(), summary.end());
      file->ReportRuns(all);
    }
  }
}

}  // namespace

PairingSettings pairing_settings(const BenchOptions& o) {
  const PairingOptions& p = o.pairing;
  PairingSettings s;
  s.stop.target_half_width = p.ci_width;
  s.stop.min_rounds = p.min_rounds.value_or(6);
  s.stop.max_rounds = std::max(s.stop.min_rounds, p.max_rounds.value_or(200));
  using ms = std::chrono::milliseconds;
  s.stop.budget = p.cell_budget.value_or(o.quick ? ms(600) : ms(1000));
  s.batch = p.batch.value_or(o.quick ? ms(5) : ms(10));
  s.seed = p.seed ? *p.seed : (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
  return s;
}

std::string describe(const PairingSettings& s) {
  char buf[1024];
  std::snprintf(
      buf, sizeof buf,
      "each round runs one batch of every arm of a cell (thread, process, bare twins, the floor; a "
      "versus cell: the transport, its partners, the floor) in "
      "random order, the next round in reverse, and the rounds of all cells are interleaved in "
      "passes over the run; batch %.0f ms (floor %.1f ms); ratio = geometric mean of the per-round "
      "ratios of tvp_value_ns (a batch's median round trip for latency and bare, mean time per "
      "message for throughput), 95%% Student-t interval on their logs; %zu to %zu rounds, stopping "
      "at ±%.1f%% or %.0f ms per cell",
      s.batch.count() * 1e3, s.batch.count() * 250, s.stop.min_rounds, s.stop.max_rounds,
      s.stop.target_half_width * 100, s.stop.budget.count() * 1e3);
  return buf;
}

// The rounds of all comparisons are spread over the whole run, in passes: each pass runs one round
// of every comparison not yet done, in a fresh random order. So a comparison's rounds sample the
// machine over minutes, not over the one second in which it would otherwise run, and its interval
// covers the VM's slow changes of regime (a neighbour, a host migration) that a rerun meets too.
// Measured before this was done (rounds of one comparison back to back): of 348 process ÷ thread
// ratios of two full runs, 91% of the intervals overlapped; the misses were intervals of ±1% that
// had seen one regime each.
PairedOutcome run_groups(const std::vector<Group>& groups, const PairingSettings& settings,
                         benchmark::BenchmarkReporter& display, benchmark::BenchmarkReporter* file,
                         std::int64_t first_family_index, const PassListener& on_pass) {
  std::vector<GroupRunner> runners;
  runners.reserve(groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i)
    runners.emplace_back(groups[i], settings, splitmix(settings.seed ^ splitmix(i)));
  std::vector<std::size_t> order(groups.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 rng(splitmix(settings.seed));
  for (std::size_t pass = 0; !groups.empty(); ++pass) {
    std::shuffle(order.begin(), order.end(), rng);
    PassProgress progress{pass + 1, 0, groups.size(), Seconds{0}};
    for (std::size_t i : order) {
      if (pass == 0) runners[i].calibrate_arms();
      runners[i].round();
      progress.left += runners[i].done() ? 0 : 1;
      progress.budget_left += runners[i].budget_left();
    }
    if (on_pass) on_pass(progress);
    if (progress.left == 0) break;
  }
  PairedOutcome outcome;
  std::int64_t family = first_family_index;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    std::vector<ArmRun> runs = runners[i].runs();
    report_group(groups[i], settings, runs, runners[i].rounds(), runners[i].first_failure(),
                 display, file, family, outcome);
  }
  return outcome;
}

}  // namespace tvp::bench
