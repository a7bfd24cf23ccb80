// tvp-ab --base A1.json A2.json ... --candidate B1.json B2.json ...: the in-job A/B verdict of
// scripts/perf-check.sh --against (round i = the i-th report of each build, run back to back).
// Exit 0 no regression, 1 a regression or a failed benchmark (or inconclusive with
// --fail-inconclusive), 2 bad input (one line on stderr).
#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <sstream>
#include <utility>

#include "ab_compare.hpp"
#include "ab_render.hpp"
#include "compare_error.hpp"
#include "tvp/gbjson.hpp"

int main(int argc, char** argv) {
  namespace cmp = tvp::compare;
  CLI::App app(
      "In-job A/B gate: reports of a baseline build and a candidate build, run in alternating "
      "rounds on one machine, compared round by round. Exit 0: no regression, 1: a regression "
      "or a failed benchmark, 2: bad input.",
      "tvp-ab");
  // Wide enough for "--flag TYPE:RANGE": every flag on one line of --help, which the
  // README's flag lists are checked against (tests/install, docs.help_matches_readme).
  app.get_formatter()->column_width(44);
  std::vector<std::string> base_paths, cand_paths;
  cmp::AbOptions o;
  std::string filter;
  bool markdown = false, fail_inconclusive = false;
  app.add_option("--base", base_paths, "the baseline's reports, round 1 first")
      ->required()
      ->expected(1, -1);
  app.add_option("--candidate", cand_paths, "the candidate's reports, in the same round order")
      ->required()
      ->expected(1, -1);
  app.add_option("--min-effect", o.min_effect,
                 "smallest change that counts as a regression (default 0.03 = 3%)")
      ->check(CLI::Range(0.0, 10.0));
  app.add_option("--alpha", o.alpha,
                 "family-wise false-alarm rate over the subset, Holm-corrected (default 0.05)")
      ->check(CLI::Range(1e-9, 0.5));
  app.add_option("--min-rounds", o.min_rounds, "fewer paired rounds is inconclusive (default 3)")
      ->check(CLI::Range(std::size_t{2}, std::size_t{100000}));
  app.add_option("--metric", o.metric,
                 "auto (tvp_value_ns, else real_time; default), real_time, cpu_time or a counter");
  app.add_option("--filter", filter, "compare only run_names matching this regex (the last given)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--normalize-by", o.normalize_by,
                 "divide by this benchmark of the same report (exact run_name or a regex)");
  app.add_flag("--markdown", markdown, "Markdown for a CI job summary");
  app.add_flag("--fail-inconclusive", fail_inconclusive, "exit 1 when any verdict is inconclusive");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "tvp-ab: " << e.what() << " (see --help)\n";
    return 2;
  }
  // CLI::Range lets NaN through (every comparison with NaN is false), and no change is bigger
  // than a NaN --min-effect: the gate would pass everything (the same hole as tvp-compare's).
  using Number = std::pair<const char*, double>;
  for (const Number& n : {Number{"--min-effect", o.min_effect}, Number{"--alpha", o.alpha}}) {
    if (std::isnan(n.second)) {
      std::cerr << "tvp-ab: " << n.first << ": not a number (NaN) (see --help)\n";
      return 2;
    }
  }
  try {
    if (!filter.empty()) o.filter.emplace(filter);
    std::vector<tvp::gbjson::Report> base, cand;
    for (const std::string& p : base_paths) base.push_back(tvp::gbjson::load_report(p));
    for (const std::string& p : cand_paths) cand.push_back(tvp::gbjson::load_report(p));
    const cmp::AbResult r = cmp::compare_ab(base, cand, o);
    std::ostringstream text;
    if (markdown)
      cmp::render_ab_markdown(text, r, o, base.size());
    else
      cmp::render_ab_text(text, r, o, base.size());
    std::cout << text.str() << std::flush;
    if (r.failed()) return 1;
    if (fail_inconclusive)
      for (const cmp::AbRow& row : r.rows)
        if (row.verdict == cmp::AbVerdict::inconclusive) return 1;
    return 0;
  } catch (const std::regex_error& e) {
    std::cerr << "tvp-ab: --filter \"" << filter << "\": invalid regular expression (" << e.what()
              << ")\n";
  } catch (const tvp::gbjson::Error& e) {
    std::cerr << "tvp-ab: " << e.what() << '\n';
  } catch (const cmp::CompareError& e) {
    std::cerr << "tvp-ab: " << e.what() << '\n';
  }
  return 2;
}
