// tvp-export REPORT.json [-o OUT.json] [--metric real_time|<counter>_ns]: the strict JSON that
// benchmark trackers read (github-action-benchmark `googlecpp`, Bencher `cpp_google`); see
// tracker_export.hpp for what is in it.
// Exit 0: written. 1: nothing to export (every benchmark failed or was left out), nothing written.
// 2: bad input or an unwritable output, with one line on stderr.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "tracker_export.hpp"
#include "tvp/gbjson.hpp"

namespace {

constexpr const char* kTool = "tvp-export";

struct Failure {
  int code;
  std::string message;
};

// Written beside `path` and renamed into place: a reader (or a tracker step) never sees half a
// file.
void write_file(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Failure{2, path + ": cannot write: " + std::strerror(errno)};
    out << text;
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      throw Failure{2, path + ": write error"};
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw Failure{2, path + ": cannot rename " + tmp + " into place: " + ec.message()};
  }
}

// A counter nobody wrote is a typo, not "every benchmark left out".
void require_metric(const tvp::gbjson::Report& report, const std::string& metric) {
  if (metric == "real_time") return;
  for (const tvp::gbjson::Entry& e : report.benchmarks) {
    if (e.counters.count(metric) != 0) return;
  }
  throw Failure{2, report.path + ": no benchmark has the counter \"" + metric + "\""};
}

int run(const std::string& input, const std::string& output, const std::string& metric) {
  const tvp::gbjson::Report report = tvp::gbjson::load_report(input);
  require_metric(report, metric);
  const tvp::tracker_export::Export ex = tvp::tracker_export::make_export(report, metric);
  if (ex.exported == 0) {
    // An empty "benchmarks" array makes both trackers fail the step; say why here instead.
    throw Failure{1, input + ": nothing to export: all " + std::to_string(ex.left_out.size()) +
                         " benchmark(s) left out (first: " + ex.left_out.front() + ")"};
  }
  // The strict error handler throws on invalid UTF-8 instead of writing it; numbers are all finite.
  const std::string text =
      ex.document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::strict) + "\n";
  if (output.empty() || output == "-") {
    std::cout << text << std::flush;
  } else {
    write_file(output, text);
  }
  if (!ex.left_out.empty()) {
    std::cerr << kTool << ": note: " << ex.left_out.size()
              << " benchmark(s) left out (listed in context.tvp_export_left_out), first: "
              << ex.left_out.front() << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(
      "Write a Google Benchmark report as strict JSON for github-action-benchmark (googlecpp) and "
      "Bencher (cpp_google): one entry per benchmark, its median real_time in ns, no NaN/Infinity. "
      "Exit 0: written, 1: nothing to export, 2: bad input.",
      kTool);
  // Wide enough for "--flag TYPE:RANGE": every flag on one line of --help, which the
  // README's flag lists are checked against (tests/install, docs.help_matches_readme).
  app.get_formatter()->column_width(44);
  std::string input;
  std::string output;
  app.add_option("REPORT", input, "tvp-bench JSON report (bare NaN/Infinity accepted)")->required();
  app.add_option("-o,--output", output, "where to write (default: standard output)");
  std::string metric = "real_time";
  // Only times in ns: both trackers treat the value as a time where lower is better.
  app.add_option("--metric", metric,
                 "what real_time carries: real_time (default) or a counter in ns such as p50_ns "
                 "(each repetition's median round trip, steadier on shared machines)")
      ->check(
          [](const std::string& m) -> std::string {
            const bool ns_counter = m.size() > 3 && m.ends_with("_ns");
            return m == "real_time" || ns_counter
                       ? std::string()
                       : "must be real_time or a counter ending in _ns, not \"" + m + "\"";
          },
          "real_time|*_ns");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << kTool << ": " << e.what() << " (see --help)\n";
    return 2;
  }
  try {
    return run(input, output, metric);
  } catch (const tvp::gbjson::Error& e) {
    std::cerr << kTool << ": " << e.what() << '\n';
  } catch (const Failure& f) {
    std::cerr << kTool << ": " << f.message << '\n';
    return f.code;
  } catch (const nlohmann::json::exception& e) {
    std::cerr << kTool << ": " << input << ": cannot write as JSON: " << e.what() << '\n';
  }
  return 2;
}
