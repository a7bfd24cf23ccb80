// Benchmarks that failed (SkipWithError): their times are meaningless, so they are listed here and
// appear in no chart and no other table.
#include "sections/sections.hpp"

namespace tvp::report {

Section errors_section(const Dataset& data) {
  Section section;
  section.id = "errors";
  section.title = "Errors";
  if (data.failures.empty()) return section;
  section.intro = std::to_string(data.failures.size()) +
                  " benchmark(s) reported an error and are not plotted anywhere in this report.";
  std::vector<std::string> columns{"benchmark", "message"};
  if (data.several_runs()) columns.insert(columns.begin(), "run");
  Table t = make_table("Failed benchmarks", columns, columns.size());
  for (const FailedBenchmark& f : data.failures) {
    std::vector<std::string> row{f.run_name, f.message};
    if (data.several_runs()) row.insert(row.begin(), data.runs[f.run].label);
    t.rows.push_back(std::move(row));
  }
  section.tables.push_back(std::move(t));
  return section;
}

}  // namespace tvp::report
