// Comparing reports (two machines, two builds): every benchmark present in the first report and
// a later one, mean time against mean time. Sorted by the size of the change so the news comes
// first.
#include <algorithm>
#include <cmath>
#include <map>

#include "sections/sections.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

// Changes smaller than this are within the run-to-run noise of a shared machine.
constexpr double kNoticeablePercent = 5.0;

struct Change {
  std::string benchmark;
  double before_ns;
  double after_ns;
  double percent;
};

}  // namespace

Section changes_section(const Dataset& data) {
  Section section("changes", "Changes between reports");
  if (!data.several_runs()) return section;
  section.intro = "Mean time per iteration of each later report against the first (\"" +
                  data.runs[0].label + "\"). Positive = slower. Sorted by the size of the change.";
  std::map<std::string, const Measurement*> baseline;
  for (const Measurement& m : data.measurements) {
    if (m.run == 0) baseline[m.run_name] = &m;
  }
  for (std::size_t run = 1; run < data.runs.size(); ++run) {
    std::vector<Change> changes;
    std::size_t only_here = 0;
    for (const Measurement& m : data.measurements) {
      if (m.run != run) continue;
      const auto it = baseline.find(m.run_name);
      if (it == baseline.end()) {
        ++only_here;
        continue;
      }
      const double before = it->second->real_time_ns;
      changes.push_back({m.run_name, before, m.real_time_ns, (m.real_time_ns / before - 1) * 100});
    }
    std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
      return std::fabs(a.percent) > std::fabs(b.percent);
    });
    const std::string& label = data.runs[run].label;
    Table t = make_table(data.runs[0].label + " → " + label,
                         {"benchmark", data.runs[0].label, label, "change"}, 1);
    std::size_t slower = 0, faster = 0;
    for (const Change& c : changes) {
      slower += c.percent > kNoticeablePercent ? 1 : 0;
      faster += c.percent < -kNoticeablePercent ? 1 : 0;
      t.rows.push_back({c.benchmark, format_duration_ns(c.before_ns),
                        format_duration_ns(c.after_ns), format_percent_change(c.percent)});
    }
    const std::size_t only_baseline = baseline.size() - changes.size();
    t.note = std::to_string(changes.size()) + " benchmarks in both; " + std::to_string(slower) +
             " slower and " + std::to_string(faster) + " faster by more than " +
             format_significant(kNoticeablePercent) + "%; " + std::to_string(only_baseline) +
             " only in " + data.runs[0].label + ", " + std::to_string(only_here) + " only in " +
             label + ".";
    section.tables.push_back(std::move(t));
  }
  return section;
}

}  // namespace tvp::report
