// libFuzzer target for tvp-compare's command line (tools/compare/src/options.cpp, issue 15). The
// input is an argv (fuzz_argv.hpp) handed to parse_options, as tvp-compare's main does. Every argv
// must either print help (only when it asks for it), give options within their documented ranges,
// or write exactly one line "tvp-compare: ..." to the error stream (main: exit 2). An exception
// escaping parse_options would end tvp-compare by std::terminate.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_argv.hpp"
#include "options.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using tvp::fuzz::check;
  namespace cmp = tvp::compare;
  tvp::fuzz::Argv args(data, size, "tvp-compare");
  cmp::Options o;
  std::ostringstream out, err;
  switch (cmp::parse_options(args.argc(), args.argv(), o, out, err)) {
    case cmp::ParseOutcome::run:
      check(err.str().empty() && out.str().empty());
      check(!o.metrics.empty());
      check(o.compare.threshold >= 0 && o.compare.threshold <= 100);
      check(o.compare.alpha >= 1e-9 && o.compare.alpha <= 1);
      check(o.compare.min_reps >= 1 && o.compare.min_reps <= 100000);
      break;
    case cmp::ParseOutcome::help_printed:
      check(args.asks_for_help() && !out.str().empty() && err.str().empty());
      break;
    case cmp::ParseOutcome::bad_usage: {
      const std::string e = err.str();
      check(out.str().empty());
      check(e.rfind("tvp-compare: ", 0) == 0 && !e.empty() && e.back() == '\n');
      check(tvp::fuzz::one_line(e.substr(0, e.size() - 1)));
      break;
    }
  }
  return 0;
}
