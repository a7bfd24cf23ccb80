#include "progress_console.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

// Google Benchmark 1.7.1 keeps --benchmark_list_tests in this exported global (BM_DEFINE_bool in
// src/benchmark.cc; the header declaring it is not installed). Only count_unpaired_benchmarks()
// touches it, and puts it back.
namespace benchmark {
extern bool FLAGS_benchmark_list_tests;
}  // namespace benchmark

namespace tvp::bench {
namespace {

// "13.4 µs", "850 ns", "1.20 ms": three significant digits in the largest unit below the value.
std::string format_nanoseconds(double ns) {
  char buf[32];
  if (!std::isfinite(ns)) return "?";
  if (ns < 1e3)
    std::snprintf(buf, sizeof buf, "%.3g ns", ns);
  else if (ns < 1e6)
    std::snprintf(buf, sizeof buf, "%.3g µs", ns / 1e3);
  else if (ns < 1e9)
    std::snprintf(buf, sizeof buf, "%.3g ms", ns / 1e6);
  else
    std::snprintf(buf, sizeof buf, "%.3g s", ns / 1e9);
  return buf;
}

// "0:07", "3:10", "1:02:05".
std::string format_time_left(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// "latency/pipe/process/cross_core/8" for ".../8/manual_time": the timing suffix says nothing here.
std::string short_name(std::string name) {
  for (const char* suffix : {"/manual_time", "/real_time"}) {
    const std::string_view sv(suffix);
    if (name.size() > sv.size() && name.compare(name.size() - sv.size(), sv.size(), sv) == 0) {
      name.resize(name.size() - sv.size());
      break;
    }
  }
  return name;
}

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

using Run = benchmark::BenchmarkReporter::Run;

double counter(const Run& r, const char* name) {
  const auto it = r.counters.find(name);
  return it == r.counters.end() ? NAN : it->second.value;
}

// The row that speaks for a benchmark: its median aggregate, else its first measured row.
const Run* representative(const std::vector<Run>& runs) {
  for (const Run& r : runs)
    if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median") return &r;
  for (const Run& r : runs)
    if (r.run_type == Run::RT_Iteration) return &r;
  return nullptr;
}

// The value that row stands for, in ns: what the paired ratios compare (tvp_value_ns: a batch's
// median round trip, a stream's time per message) where there is one, else the time per iteration.
double value_ns(const Run& r) {
  const double v = counter(r, "tvp_value_ns");
  if (std::isfinite(v) && v > 0) return v;
  return r.GetAdjustedRealTime() * 1e9 / benchmark::GetTimeUnitMultiplier(r.time_unit);
}

std::string describe(const std::vector<Run>& runs) {
  for (const Run& r : runs)
    if (r.error_occurred) return "  ERROR OCCURRED: '" + r.error_message + "'";
  std::string out;
  if (const Run* r = representative(runs)) {
    out += "  " + format_nanoseconds(value_ns(*r));
    const double p99 = counter(*r, "p99_ns");
    if (std::isfinite(p99) && p99 > 0) out += "  p99 " + format_nanoseconds(p99);
    if (counter(*r, "suspect") > 0) out += "  SUSPECT (faster than the floor)";
  }
  char buf[128];
  for (const Run& r : runs) {
    if (r.run_type != Run::RT_Aggregate || !starts_with(r.aggregate_name, "ratio_to_")) continue;
    // "÷thread 1.04 [1.01-1.07]": the paired ratio and its 95% interval.
    std::snprintf(buf, sizeof buf, "  ÷%s %.3g [%.3g-%.3g]", r.aggregate_name.c_str() + 9,
                  r.real_accumulated_time, counter(r, "ci_low"), counter(r, "ci_high"));
    out += buf;
  }
  return out;
}

}  // namespace

std::size_t count_unpaired_benchmarks() {
  class Lister final : public benchmark::BenchmarkReporter {
   public:
    bool ReportContext(const Context&) override { return true; }
    void ReportRuns(const std::vector<Run>&) override {}
  };
  std::ostringstream discarded;
  Lister lister;
  lister.SetOutputStream(&discarded);
  lister.SetErrorStream(&discarded);
  const bool was = benchmark::FLAGS_benchmark_list_tests;
  benchmark::FLAGS_benchmark_list_tests = true;
  const std::size_t n = benchmark::RunSpecifiedBenchmarks(&lister);
  benchmark::FLAGS_benchmark_list_tests = was;
  return n;
}

ProgressConsole::ProgressConsole(const RunPlan& plan) : plan_(plan) {
  if (plan_.unpaired == 0) paired_start_ = start_;
}

bool ProgressConsole::ReportContext(const Context&) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "tvp-bench: %zu benchmarks: %zu run one after the other, then %zu arms of %zu "
                "paired comparisons (up to %.1f s each, interleaved in passes).\n"
                "tvp-bench: one line per benchmark; every counter is in the report "
                "(--tvp_console=full prints Google Benchmark's table).",
                plan_.unpaired + plan_.paired_rows, plan_.unpaired, plan_.paired_rows,
                plan_.comparisons, plan_.comparison_budget.count());
  print(buf);
  return true;
}

void ProgressConsole::ReportRuns(const std::vector<Run>& runs) {
  if (runs.empty()) return;
  const std::string name = short_name(runs.front().run_name.str());
  const bool paired = unpaired_done_ >= plan_.unpaired;
  // A failed floor or partner arm of a comparison is reported (its error) but is not one of the
  // benchmarks.
  const bool counted =
      !(paired && (starts_with(name, "floor/") || name.find(kPartnerOf) != std::string::npos));
  if (counted) {
    ++done_;
    if (!paired) ++unpaired_done_;
  }
  if (!paired_start_ && unpaired_done_ >= plan_.unpaired) paired_start_ = Clock::now();
  print(place(counted) + " " + name + describe(runs));
}

void ProgressConsole::pass_done(const PassProgress& p) {
  paired_left_ = p.budget_left.count();
  passes_over_ = p.left == 0;
  char buf[128];
  std::snprintf(buf, sizeof buf, " paired pass %zu: %zu of %zu comparisons need more rounds",
                p.pass, p.left, p.total);
  print(place(false) + buf);
}

void ProgressConsole::Finalize() {
  const double s = std::chrono::duration<double>(Clock::now() - start_).count();
  print("tvp-bench: " + std::to_string(done_) + " benchmarks in " + format_time_left(s));
}

double ProgressConsole::seconds_left() const {
  using Seconds = std::chrono::duration<double>;
  const double paired_total =
      static_cast<double>(plan_.comparisons) * plan_.comparison_budget.count();
  if (passes_over_) return 0;
  if (paired_left_) return *paired_left_;
  if (paired_start_) return paired_total - Seconds(Clock::now() - *paired_start_).count();
  if (unpaired_done_ == 0) return NAN;
  const double per = Seconds(Clock::now() - start_).count() / static_cast<double>(unpaired_done_);
  return per * static_cast<double>(plan_.unpaired - unpaired_done_) + paired_total;
}

std::string ProgressConsole::place(bool counted) const {
  const std::size_t total = plan_.unpaired + plan_.paired_rows;
  const int width = static_cast<int>(std::to_string(total).size());
  const double left = seconds_left();
  const std::string when = std::isfinite(left) ? format_time_left(left) : "?:??";
  char buf[96];
  if (counted)
    std::snprintf(buf, sizeof buf, "[%*zu/%zu %7s left]", width, done_, total, when.c_str());
  else
    std::snprintf(buf, sizeof buf, "[%*s/%zu %7s left]", width, "-", total, when.c_str());
  return buf;
}

void ProgressConsole::print(const std::string& line) {
  GetOutputStream() << line << '\n' << std::flush;
}

}  // namespace tvp::bench
