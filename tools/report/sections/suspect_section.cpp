// Results the run's own self-check does not believe: faster than the floor measured on the same
// machine (for paired rounds, in the same rounds). They are in no chart, table or ratio; this is
// where a reader learns they exist and why they were left out.
#include "sections/left_out_table.hpp"
#include "sections/sections.hpp"

namespace tvp::report {

Section suspect_section(const Dataset& data) {
  Section section("suspect", "Suspect results");
  if (data.suspects.empty()) return section;
  section.intro = std::to_string(data.suspects.size()) +
                  " benchmark(s) or ratio(s) were flagged suspect: faster than the run's floor "
                  "allows, a measuring error rather than a result. They are left out of every "
                  "chart, table and ratio in this report.";
  section.tables.push_back(
      left_out_table(data, "Suspect, left out", "reason", data.suspects, &SuspectCell::reason));
  return section;
}

}  // namespace tvp::report
