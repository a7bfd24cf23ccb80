// Benchmarks that failed (SkipWithError): their times are meaningless, so they are listed here and
// appear in no chart and no other table.
#include "sections/left_out_table.hpp"
#include "sections/sections.hpp"

namespace tvp::report {

Section errors_section(const Dataset& data) {
  Section section("errors", "Errors");
  if (data.failures.empty()) return section;
  section.intro = std::to_string(data.failures.size()) +
                  " benchmark(s) reported an error and are not plotted anywhere in this report.";
  section.tables.push_back(left_out_table(data, "Failed benchmarks", "message", data.failures,
                                          &FailedBenchmark::message));
  return section;
}

}  // namespace tvp::report
