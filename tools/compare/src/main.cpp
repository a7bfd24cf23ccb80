// tvp-compare BASELINE.json CURRENT.json [options]: the regression gate (issue #5).
// Exit 0 no regression, 1 regression or failed benchmark, 2 bad input (one line on stderr).
#include <iostream>
#include <sstream>

#include "compare.hpp"
#include "compare_error.hpp"
#include "options.hpp"
#include "render.hpp"
#include "tvp/gbjson.hpp"

int main(int argc, char** argv) {
  namespace cmp = tvp::compare;
  cmp::Options options;
  switch (cmp::parse_options(argc, argv, options, std::cout, std::cerr)) {
    case cmp::ParseOutcome::run:
      break;
    case cmp::ParseOutcome::help_printed:
      return 0;
    case cmp::ParseOutcome::bad_usage:
      return 2;
  }
  try {
    const tvp::gbjson::Report base = tvp::gbjson::load_report(options.baseline);
    const tvp::gbjson::Report current = tvp::gbjson::load_report(options.current);
    std::vector<cmp::MetricComparison> tables;
    for (const std::string& name : options.metrics) {
      tables.push_back(cmp::compare_metric(base, current, cmp::make_metric(name), options.compare));
    }
    // Rendered only once every table is complete: bad input never leaves half a report behind.
    std::ostringstream text;
    if (options.markdown) {
      cmp::render_markdown(text, tables, options.compare);
    } else {
      cmp::render_text(text, tables, options.compare);
    }
    std::cout << text.str() << std::flush;
    for (const cmp::MetricComparison& t : tables) {
      if (t.failed()) return 1;
    }
    return 0;
  } catch (const tvp::gbjson::Error& e) {
    std::cerr << "tvp-compare: " << e.what() << '\n';
  } catch (const cmp::CompareError& e) {
    std::cerr << "tvp-compare: " << e.what() << '\n';
  }
  return 2;
}
