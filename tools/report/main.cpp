// tvp-report: Google Benchmark JSON reports → SVG charts, summary.md and index.html.
// Exit 0 on success, 2 for bad input (flags, files, contents, unwritable output), 1 for a bug.
#include <chrono>
#include <ctime>
#include <exception>
#include <iostream>

#include "command_line.hpp"
#include "model/dataset.hpp"
#include "writers/report_files.hpp"
#include "sections/sections.hpp"

namespace {

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

int fail(int code, const std::string& message) {
  std::cerr << "tvp-report: " << message << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tvp::report;
  try {
    const std::optional<CommandLine> cl = parse_command_line(argc, argv);
    if (!cl) return 0;
    const Dataset data = load_dataset(cl->reports, cl->labels);
    const std::vector<Section> sections = build_sections(data, ReportOptions{cl->size});
    const WrittenReport written = write_report_files(cl->out, data, sections, utc_now());
    if (!data.failures.empty()) {
      std::cerr << "tvp-report: warning: " << data.failures.size()
                << " benchmark(s) reported an error; listed under Errors, not plotted\n";
    }
    std::cout << "tvp-report: wrote " << written.charts << " charts and " << written.tables
              << " tables; open " << written.index_html.string() << "\n";
    return 0;
  } catch (const UsageError& e) {
    return fail(2, e.what());
  } catch (const InputError& e) {
    return fail(2, e.what());
  } catch (const OutputError& e) {
    return fail(2, e.what());
  } catch (const std::exception& e) {
    return fail(1, std::string("internal error: ") + e.what());
  }
}
