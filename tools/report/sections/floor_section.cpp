// The floor benchmarks themselves: the hardware's best case that other figures are divided by.
#include <cmath>

#include "figures/line_summaries.hpp"
#include "model/measurement_groups.hpp"
#include "sections/family_slices.hpp"
#include "sections/sections.hpp"
#include "text/units.hpp"

namespace tvp::report {

Section floor_section(const Dataset& data) {
  Section section("floor", "Floor",
                  "Reference figures of this machine: a cache-line ping-pong round trip (the least "
                  "any handoff between cores can cost) and memcpy bandwidth.");
  const FamilySlices floor = family_slices(data, "floor");
  if (floor.empty()) return section;
  std::vector<std::string> columns{"benchmark"};
  if (data.several_runs()) columns.push_back("run");
  const std::size_t names = columns.size();
  columns.insert(columns.end(), {"mean time", "bytes/s"});
  Table t = make_table("Floor figures", columns, names);
  for (const Measurement* m : floor.all) {
    std::vector<std::string> row{m->run_name};
    if (data.several_runs()) row.push_back(data.runs[m->run].label);
    row.push_back(format_duration_ns(m->real_time_ns));
    const double rate = m->counter("bytes_per_second");
    row.push_back(std::isnan(rate) ? "—" : format_rate(rate));
    t.rows.push_back(std::move(row));
  }
  t.note = mean_note(data);
  section.tables.push_back(std::move(t));
  return section;
}

}  // namespace tvp::report
