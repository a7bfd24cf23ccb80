// Results the run's own self-check does not believe: faster than the floor measured on the same
// machine (for paired rounds, in the same rounds). They are in no chart, table or ratio; this is
// where a reader learns they exist and why they were left out.
#include "sections/sections.hpp"

namespace tvp::report {

Section suspect_section(const Dataset& data) {
  Section section;
  section.id = "suspect";
  section.title = "Suspect results";
  if (data.suspects.empty()) return section;
  section.intro = std::to_string(data.suspects.size()) +
                  " benchmark(s) or ratio(s) were flagged suspect: faster than the run's floor "
                  "allows, a measuring error rather than a result. They are left out of every "
                  "chart, table and ratio in this report.";
  std::vector<std::string> columns{"benchmark", "reason"};
  if (data.several_runs()) columns.insert(columns.begin(), "run");
  Table t = make_table("Suspect, left out", columns, columns.size());
  for (const SuspectCell& s : data.suspects) {
    std::vector<std::string> row{s.run_name, s.reason};
    if (data.several_runs()) row.insert(row.begin(), data.runs[s.run].label);
    t.rows.push_back(std::move(row));
  }
  section.tables.push_back(std::move(t));
  return section;
}

}  // namespace tvp::report
