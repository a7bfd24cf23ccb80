// tvp-bench: the whole comparison in one Google Benchmark binary. Its own flags are taken out of
// argv before Google Benchmark parses the rest; anything unknown is an error (exit 2). The exit
// status is non-zero when a benchmark failed (1) or the filter matched nothing (2), which Google
// Benchmark 1.7.1's own main reports as success.
#include <benchmark/benchmark.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "dropping_line_stream.hpp"
#include "families.hpp"
#include "fault_knob.hpp"
#include "matrix.hpp"
#include "options.hpp"
#include "run_context.hpp"
#include "run_observer.hpp"
#include "self_check.hpp"
#include "test_knobs.hpp"
#include "tvp/peer.hpp"

namespace {

void print_help() {
  benchmark::PrintDefaultHelp();
  std::fputs(tvp::bench::bench_options_help(), stdout);
}

// SIGINT/SIGTERM: say so in one line, then die by the same signal (exit status 130/143). Nothing
// needs unwinding: child peers die with us (PR_SET_PDEATHSIG), shared memory is anonymous or
// already unlinked, and bench-json discards its .tmp report on any death by signal.
extern "C" void on_interrupt(int sig) {
  const char* msg = sig == SIGINT ? "tvp-bench: interrupted by SIGINT; run abandoned, no report\n"
                                  : "tvp-bench: terminated by SIGTERM; run abandoned, no report\n";
  std::size_t n = 0;
  while (msg[n] != '\0') ++n;
  (void)!::write(STDERR_FILENO, msg, n);  // async-signal-safe
  ::signal(sig, SIG_DFL);
  ::raise(sig);
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
  benchmark::Initialize(&argc, argv, print_help);
  // Google Benchmark names the program by argv[0] ("/long/path/tvp-bench: error: ..."); the
  // project's one-line errors start with the tool's name.
  static char program_name[] = "tvp-bench";
  argv[0] = program_name;
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  // A write to a peer that died must fail with EPIPE, not kill the whole run.
  ::signal(SIGPIPE, SIG_IGN);
  tvp::set_default_stall_timeout(options.watchdog);
  const BenchConfig config = make_config(options);
  arm_test_slowdown(options.slowdown);
  arm_test_fault(options.fault);
  add_run_context(config, options);
  // Floor first, so each report carries its physical reference before the transports.
  register_floor(config);
  register_latency(config);
  register_throughput(config);
  register_spawn(config);
  register_sync(config);
  register_openloop(config);
  register_scaling(config);
  register_ownership(config);
  register_structured(config);
  measure_floor(config);

  RunObserver observer(
      std::unique_ptr<benchmark::BenchmarkReporter>(benchmark::CreateDefaultDisplayReporter()));
  DroppingLineStream errors(std::cerr, "Failed to match any benchmarks");
  observer.SetErrorStream(&errors);
  const std::size_t matched = benchmark::RunSpecifiedBenchmarks(&observer);
  benchmark::Shutdown();

  if (matched == 0) {
    std::fprintf(stderr, "tvp-bench: --benchmark_filter='%s' matched no benchmark\n",
                 benchmark::GetBenchmarkFilter().c_str());
    return 2;
  }
  if (!observer.suspect().empty())
    std::fprintf(stderr, "tvp-bench: %zu result(s) flagged suspect (see warnings above)\n",
                 observer.suspect().size());
  if (!observer.errored().empty()) {
    std::fprintf(stderr, "tvp-bench: %zu benchmark(s) failed:\n", observer.errored().size());
    for (const auto& e : observer.errored()) std::fprintf(stderr, "  %s\n", e.c_str());
    return 1;
  }
  return 0;
}
