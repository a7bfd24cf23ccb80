#include "command_line.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace tvp::report {
namespace {

// CLI11's messages can span lines; the project's rule is one line per error.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace

std::filesystem::path default_output_dir(const std::vector<std::string>& reports) {
  const std::filesystem::path first(reports.front());
  std::string name;
  for (const std::string& r : reports) {
    name += (name.empty() ? "" : "-vs-") + std::filesystem::path(r).stem().string();
  }
  return first.parent_path() / name;
}

std::optional<CommandLine> parse_command_line(int argc, const char* const* argv) {
  CLI::App app{
      "Turns Google Benchmark JSON reports from tvp-bench into SVG charts, a Markdown "
      "summary (summary.md) and a self-contained index.html.",
      "tvp-report"};
  // Wide enough for "--flag TYPE:RANGE": every flag on one line of --help, which the
  // README's flag lists are checked against (tests/install, docs.help_matches_readme).
  app.get_formatter()->column_width(44);
  CommandLine cl;
  std::string out;
  std::uint64_t size = 0;
  app.add_option("--out,-o", out,
                 "Output folder, created if missing (default: beside the first report, named "
                 "after it)");
  CLI::Option* size_opt =
      app.add_option("--size", size,
                     "Message size in bytes for the percentile charts and the centre column of "
                     "the tables; must be a size the latency benchmarks ran (default: 4096, or "
                     "the nearest size present)")
          ->check(CLI::PositiveNumber);
  // One value per --label, so "--label a x.json" does not swallow the report as a second label.
  app.add_option("--label", cl.labels,
                 "Name for a report in legends and tables; give it once per report, in order "
                 "(default: the file name without .json)")
      ->allow_extra_args(false);
  app.add_option("reports", cl.reports, "Google Benchmark JSON reports (the first is the baseline)")
      ->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return std::nullopt;
  } catch (const CLI::ParseError& e) {
    throw UsageError(one_line(e.what()) + " (see --help)");
  }
  if (!cl.labels.empty() && cl.labels.size() != cl.reports.size()) {
    throw UsageError(std::to_string(cl.labels.size()) + " --label for " +
                     std::to_string(cl.reports.size()) + " reports: give one per report or none");
  }
  for (const std::string& label : cl.labels) {
    if (label.empty()) throw UsageError("--label: a label cannot be empty");
  }
  // An empty name would also give an empty default output folder, which CommandLine rules out.
  for (const std::string& report : cl.reports) {
    if (report.empty()) throw UsageError("a report path cannot be empty");
  }
  if (size_opt->count() > 0) cl.size = size;
  if (app.count("--out") > 0 && out.empty()) throw UsageError("--out: the folder name is empty");
  cl.out = out.empty() ? default_output_dir(cl.reports) : std::filesystem::path(out);
  return cl;
}

}  // namespace tvp::report
