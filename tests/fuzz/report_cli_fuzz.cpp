// libFuzzer target for tvp-report's command line (tools/report/command_line.cpp, issue 15). The
// input is an argv (fuzz_argv.hpp) handed to parse_command_line, as tvp-report's main does. Every
// argv must either print help (only when it asks for it), give a CommandLine that keeps the
// parser's promises (reports, one label per report or none, an output folder), or throw
// UsageError with a one-line message (main: one line, exit 2). Any other exception would reach
// main's catch-all: "internal error", exit 1, a bug.
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <string>

#include "command_line.hpp"
#include "fuzz_argv.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::cout.setstate(std::ios::badbit);  // --help prints to std::cout: not into the fuzzer's log
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using tvp::fuzz::check;
  tvp::fuzz::Argv args(data, size, "tvp-report");
  try {
    const auto cl = tvp::report::parse_command_line(args.argc(), args.argv());
    if (!cl) {
      check(args.asks_for_help());
      return 0;
    }
    check(!cl->reports.empty());
    for (const std::string& r : cl->reports) check(!r.empty());
    check(cl->labels.empty() || cl->labels.size() == cl->reports.size());
    for (const std::string& l : cl->labels) check(!l.empty());
    check(!cl->out.empty());
    if (cl->size) check(*cl->size > 0);
  } catch (const tvp::report::UsageError& e) {
    check(tvp::fuzz::one_line(e.what()));
  }
  return 0;
}
