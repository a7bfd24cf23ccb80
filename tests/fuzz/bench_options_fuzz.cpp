// libFuzzer target for tvp-bench's own flags (bench/options.cpp, issue 15). The input is an argv
// (fuzz_argv.hpp) handed to take_bench_options, the first thing tvp-bench's main does. Every argv
// must either parse into options that keep the documented ranges, with the flags that are not
// tvp-bench's left in argv in their order, or throw UsageError with a one-line message, which main
// prints as one line with exit 2. Any other exception would end tvp-bench by std::terminate.
// Built with -DTVP_TEST_KNOBS (the knob flags are parsed too) by scripts/fuzz.sh.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_argv.hpp"
#include "options.hpp"
#include "tvp/transport.hpp"

namespace {

using tvp::fuzz::check;

// --benchmark_out's path is vetted without touching the file system (the real check creates and
// removes the file): an empty path fails as it does there, any other passes.
void vet_report_path(std::string_view path) {
  if (path.empty())
    throw tvp::bench::UsageError("--benchmark_out: '': cannot write the report there (empty path)");
}

void check_options(const tvp::bench::BenchOptions& o) {
  using namespace tvp::bench;
  if (o.sizes) {
    check(!o.sizes->empty());
    for (std::size_t s : *o.sizes) check(s >= 1 && s <= kMaxMessageBytes);
  }
  if (o.transports)
    for (const std::string& t : *o.transports) check(tvp::find_transport(t) != nullptr);
  // main lists the set without a try: the parser must have vetted it.
  if (o.list_transports) {
    try {
      (void)transports_in(*o.list_transports);
    } catch (...) {
      check(false);
    }
  }
  check(o.watchdog.count() >= 1 && o.watchdog.count() <= 3'600'000);
  const PairingOptions& p = o.pairing;
  check(p.ci_width > 0 && p.ci_width < 1);
  if (p.batch) check(p.batch->count() >= 1 && p.batch->count() <= 10'000);
  if (p.min_rounds) check(*p.min_rounds >= 2);
  if (p.min_rounds && p.max_rounds) check(*p.max_rounds >= *p.min_rounds);
  check(o.report_format == "json" || o.report_format == "console");
  if (o.fault) check(tvp::find_transport(o.fault->transport) && o.fault->after_messages >= 1);
  if (o.slowdown) {
    check(tvp::find_transport(o.slowdown->transport) != nullptr);
    check(o.slowdown->delay.count() > 0 || o.slowdown->fraction > 0);
    check(!o.slowdown->text().empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tvp::fuzz::Argv args(data, size, "tvp-bench");
  int argc = args.argc();
  char** argv = args.argv();
  try {
    const tvp::bench::BenchOptions o = tvp::bench::take_bench_options(argc, argv, &vet_report_path);
    check_options(o);
    // What is left for Google Benchmark: argv[0], then input arguments in their order, then null.
    check(argc >= 1 && argc <= args.argc() && argv[argc] == nullptr);
    check(std::string_view(argv[0]) == "tvp-bench");
    std::size_t next = 1;
    for (int i = 1; i < argc; ++i) {
      const std::string_view kept = argv[i];
      while (next < args.args().size() && args.args()[next] != kept) ++next;
      check(next < args.args().size());
      ++next;
    }
  } catch (const tvp::bench::UsageError& e) {
    check(tvp::fuzz::one_line(e.what()));
  }
  return 0;
}
