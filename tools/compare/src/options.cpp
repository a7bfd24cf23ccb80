// CLI11 rather than a hand-rolled loop: typed, range-checked values with messages that name the
// flag, repeated --metric, --flag=value and --flag value alike, and a generated --help.
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <cmath>
#include <ostream>
#include <string>
#include <utility>

namespace tvp::compare {
namespace {

// One line whatever was typed: CLI11 quotes the arguments it rejects, and an argument may hold a
// line break; so may a --filter quoted in its error. The project's rule is one line per error.
std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace

ParseOutcome parse_options(int argc, const char* const* argv, Options& options, std::ostream& out,
                           std::ostream& err) {
  CLI::App app(
      "Compare two Google Benchmark JSON reports repetition by repetition. Exit 0: no "
      "regression, 1: a regression or a failed benchmark, 2: bad input.",
      "tvp-compare");
  // Wide enough for "--flag TYPE:RANGE": every flag on one line of --help, which the
  // README's flag lists are checked against (tests/install, docs.help_matches_readme).
  app.get_formatter()->column_width(44);
  std::string filter;
  double threshold = options.compare.threshold;
  double alpha = options.compare.alpha;
  std::size_t min_reps = options.compare.min_reps;
  app.add_option("BASELINE", options.baseline, "baseline report (JSON)")->required();
  app.add_option("CURRENT", options.current, "current report (JSON)")->required();
  app.add_option("--metric", options.metrics,
                 "real_time, cpu_time or a counter name; repeatable (default real_time). Counters "
                 "ending in _per_s or per_second are rates (higher is better), all else lower")
      ->expected(1)  // one name per --metric, so positionals after it stay positionals
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--filter", filter,
                 "compare only run_names matching this regex (given twice: the last)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--threshold", threshold, "relative change that counts (default 0.10 = 10%)")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--alpha", alpha, "significance level of the Mann-Whitney U test (default 0.05)")
      ->check(CLI::Range(1e-9, 1.0));
  app.add_option("--normalize-by", options.compare.normalize_by,
                 "divide each repetition by the same repetition of this reference benchmark "
                 "(exact run_name or a regex matching one)");
  app.add_flag("--markdown", options.markdown, "Markdown for a CI job summary");
  app.add_option("--min-reps", min_reps, "fewer successful repetitions on a side is an error")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return ParseOutcome::help_printed;
  } catch (const CLI::ParseError& e) {
    err << "tvp-compare: " << one_line(e.what()) << " (see --help)\n";
    return ParseOutcome::bad_usage;
  }
  // CLI::Range lets NaN through (every comparison with NaN is false): "--threshold nan" turned a
  // 10% regression into "unchanged" and the gate passed (seen writing compare_cli_fuzz's oracle).
  using Number = std::pair<const char*, double>;
  for (const Number& n : {Number{"--threshold", threshold}, Number{"--alpha", alpha}}) {
    if (std::isnan(n.second)) {
      err << "tvp-compare: " << n.first << ": not a number (NaN) (see --help)\n";
      return ParseOutcome::bad_usage;
    }
  }
  if (options.metrics.empty()) options.metrics.push_back("real_time");
  options.compare.threshold = threshold;
  options.compare.alpha = alpha;
  options.compare.min_reps = min_reps;
  // std::regex compiles recursively, one level per character or so: a 100,000-character filter
  // overflowed the stack (segmentation fault) before this limit, far above any real pattern.
  using Pattern = std::pair<const char*, const std::string*>;
  for (const Pattern& p : {Pattern{"--filter", &filter},
                           Pattern{"--normalize-by", &options.compare.normalize_by}}) {
    if (p.second->size() > kMaxFilterChars) {
      err << "tvp-compare: " << p.first << ": " << p.second->size() << " characters; at most "
          << kMaxFilterChars << "\n";
      return ParseOutcome::bad_usage;
    }
  }
  if (!filter.empty()) {
    try {
      options.compare.filter.emplace(filter);
    } catch (const std::regex_error& e) {
      err << one_line("tvp-compare: --filter \"" + filter + "\": invalid regular expression (" +
                      e.what() + ")")
          << "\n";
      return ParseOutcome::bad_usage;
    }
  }
  return ParseOutcome::run;
}

}  // namespace tvp::compare
