// tvp-bench: the whole comparison in one Google Benchmark binary. Its own flags are taken out of
// argv before Google Benchmark parses the rest; anything unknown is an error (exit 2). Exit status:
// 0 all measured; 1 a benchmark failed; 2 bad input or the filter matched nothing (Google Benchmark
// 1.7.1's own main reports both as success); 3 every benchmark ran but some result was faster than
// the floor measured in the same rounds (suspect: left out of every table, chart and ratio).
#include <benchmark/benchmark.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "dropping_line_stream.hpp"
#include "families.hpp"
#include "fault_knob.hpp"
#include "matrix.hpp"
#include "options.hpp"
#include "run_context.hpp"
#include "run_observer.hpp"
#include "name_filter.hpp"
#include "paired_groups.hpp"
#include "paired_runner.hpp"
#include "progress_console.hpp"
#include "report_sink.hpp"
#include "test_knobs.hpp"
#include "test_marker.hpp"
#include "tvp/peer.hpp"
#include "tvp/process_signals.hpp"

namespace {

void print_help() {
  benchmark::PrintDefaultHelp();
  std::fputs(tvp::bench::bench_options_help(), stdout);
}

// SIGINT/SIGTERM: say so in one line, then die by the same signal (exit status 130/143). Nothing
// needs unwinding: child peers die with us (PR_SET_PDEATHSIG), shared memory is anonymous or
// already unlinked, and bench-json discards its .tmp report on any death by signal.
// Family indices of the paired rows start here, far above Google Benchmark's own, so tools that
// group rows by family (compare.py sorts by it) never mix the two.
constexpr std::int64_t kFirstPairedFamily = 100000;

extern "C" void on_interrupt(int sig) {
  const char* msg = sig == SIGINT ? "tvp-bench: interrupted by SIGINT; run abandoned, no report\n"
                                  : "tvp-bench: terminated by SIGTERM; run abandoned, no report\n";
  std::size_t n = 0;
  while (msg[n] != '\0') ++n;
  (void)!::write(STDERR_FILENO, msg, n);  // async-signal-safe
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// The widest name the console will print: Google Benchmark's families are at most this wide, the
// paired rows are measured, plus the longest aggregate suffix ("_ratio_to_memcpy").
std::size_t name_field_width(const std::vector<tvp::bench::Group>& groups) {
  std::size_t w = 60;
  for (const auto& g : groups) {
    for (const auto& a : g.arms)
      if (!a.partner) w = std::max(w, a.full_name().size() + 16);  // a partner prints no table row
    for (const auto& r : g.ratios)  // "_ratio_to_<partner>" may be longer than "_ratio_to_memcpy"
      w = std::max(w, g.arms[r.numerator].full_name().size() + 1 + r.aggregate_name.size());
  }
  return w;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tvp::bench;
  ::signal(SIGINT, on_interrupt);
  ::signal(SIGTERM, on_interrupt);
  BenchOptions options;
  try {
    options = take_bench_options(argc, argv);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "tvp-bench: %s\n", e.what());
    return 2;
  }
  if (options.list_transports) {
    for (std::string_view name : transports_in(*options.list_transports))
      std::printf("%.*s\n", static_cast<int>(name.size()), name.data());
    return 0;
  }
  benchmark::Initialize(&argc, argv, print_help);
  // Google Benchmark names the program by argv[0] ("/long/path/tvp-bench: error: ..."); the
  // project's one-line errors start with the tool's name.
  static char program_name[] = "tvp-bench";
  argv[0] = program_name;
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  // A write to a peer that died must fail with EPIPE, not kill the whole run.
  tvp::ignore_sigpipe();
  tvp::set_default_stall_timeout(options.watchdog);
  const BenchConfig config = make_config(options);
  arm_test_slowdown(options.slowdown);
  arm_test_fault(options.fault);
  arm_test_marker();
  add_run_context(config, options);
  const PairingSettings pairing = pairing_settings(options);
  benchmark::AddCustomContext("tvp_pairing", describe(pairing));
  benchmark::AddCustomContext("tvp_ci_target", std::to_string(pairing.stop.target_half_width));
  benchmark::AddCustomContext("tvp_seed", std::to_string(pairing.seed));
  // Google Benchmark runs the unpaired families; floor first, so each report carries its physical
  // reference before the transports.
  register_floor(config);
  register_spawn(config);
  register_sync(config);
  register_openloop(config);
  register_scaling(config);
  register_ownership(config);
  register_structured(config);
  // The paired families: a group runs (all its arms: its ratios need them) when the filter
  // matches any of its reported rows.
  std::vector<Group> groups;
  try {
    const NameFilter filter(benchmark::GetBenchmarkFilter());
    for (Group& g : paired_groups(config)) {
      const bool wanted = std::any_of(g.arms.begin(), g.arms.end(), [&](const Arm& a) {
        return a.reported() && filter.matches(a.full_name());
      });
      if (wanted) groups.push_back(std::move(g));
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "tvp-bench: %s\n", e.what());
    return 2;
  }
  std::size_t paired_rows = 0;
  for (const Group& g : groups)
    for (const Arm& a : g.arms) paired_rows += a.reported() ? 1 : 0;

  // The console: one line per benchmark (progress), or Google Benchmark's own table (full, and
  // whenever stdout is asked for json/csv or a list of names).
  ProgressConsole* progress = nullptr;
  std::unique_ptr<benchmark::BenchmarkReporter> console;
  if (options.console == ConsoleKind::progress && !options.machine_console && !options.list_tests) {
    const RunPlan plan{count_unpaired_benchmarks(), paired_rows, groups.size(),
                       pairing.stop.budget};
    auto p = std::make_unique<ProgressConsole>(plan);
    progress = p.get();
    console = std::move(p);
  } else {
    console.reset(benchmark::CreateDefaultDisplayReporter());
  }
  RunObserver observer(std::move(console));
  DroppingLineStream errors(std::cerr, "Failed to match any benchmarks");
  observer.SetErrorStream(&errors);
  if (options.list_tests) {
    const std::size_t listed = benchmark::RunSpecifiedBenchmarks(&observer);
    for (const Group& g : groups)
      for (const Arm& a : g.arms)
        if (a.reported()) std::printf("%s\n", a.full_name().c_str());
    return listed + paired_rows == 0 ? 2 : 0;
  }
  std::optional<ReportSink> sink;
  try {
    sink.emplace(observer, options.report_path, options.report_format);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tvp-bench: %s\n", e.what());
    return 2;
  }
  sink->set_name_field_width(name_field_width(groups));
  const std::size_t matched = benchmark::RunSpecifiedBenchmarks(&sink->runs_only());
  if (!groups.empty()) sink->begin();
  const PassListener on_pass = [progress](const PassProgress& p) {
    if (progress) return progress->pass_done(p);
    std::fprintf(stderr, "tvp-bench: paired pass %zu: %zu of %zu comparisons need more rounds\n",
                 p.pass, p.left, p.total);
  };
  const PairedOutcome paired =
      run_groups(groups, pairing, sink->display(), sink->file(), kFirstPairedFamily, on_pass);
  sink->end();
  benchmark::Shutdown();

  if (matched + paired_rows == 0) {
    std::fprintf(stderr, "tvp-bench: --benchmark_filter='%s' matched no benchmark\n",
                 benchmark::GetBenchmarkFilter().c_str());
    return 2;
  }
  if (!paired.inconclusive.empty()) {
    std::fprintf(stderr,
                 "tvp-bench: %zu ratio(s) did not reach ±%.1f%% within the cell budget "
                 "(inconclusive; in the report with their interval):\n",
                 paired.inconclusive.size(), pairing.stop.target_half_width * 100);
    for (const std::string& line : paired.inconclusive) std::fprintf(stderr, "  %s\n", line.c_str());
  }
  if (!observer.errored().empty()) {
    std::fprintf(stderr, "tvp-bench: %zu benchmark(s) failed:\n", observer.errored().size());
    for (const auto& e : observer.errored()) std::fprintf(stderr, "  %s\n", e.c_str());
    return 1;
  }
  if (!observer.suspect().empty()) {
    std::fprintf(stderr,
                 "tvp-bench: %zu result(s) faster than this run's floor: suspect, not results "
                 "(exit 3)\n",
                 observer.suspect().size());
    return 3;
  }
  return 0;
}
