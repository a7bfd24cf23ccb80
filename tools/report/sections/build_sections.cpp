// The order a reader meets the sections in: the answer (process ÷ thread with intervals, for
// paired reports), what was left out (suspect, failed), the headline (latency, the process cost),
// transport against transport, then the other measured families, then what the figures are relative
// to, which ratios stayed imprecise, what changed and where they came from.
#include <set>
#include <string_view>

#include "sections/family_views.hpp"
#include "sections/sections.hpp"

namespace tvp::report {
namespace {

// Chart ids become file names and URL fragments: keep them to a portable alphabet and unique.
void make_ids_safe(std::vector<Section>& sections) {
  std::set<std::string> used;
  for (Section& s : sections) {
    for (RenderedChart& c : s.charts) {
      std::string id;
      for (char ch : c.id) {
        const bool safe = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                          (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
        id += safe ? ch : '_';
      }
      const std::string base = id;
      for (int n = 2; !used.insert(id).second; ++n) id = base + "-" + std::to_string(n);
      c.id = id;
    }
  }
}

}  // namespace

std::vector<Section> build_sections(const Dataset& data, const ReportOptions& options) {
  std::vector<Section> sections;
  // The answer opens the report; then what is missing, before a reader takes in any chart.
  sections.push_back(answer_section(data));
  sections.push_back(suspect_section(data));
  sections.push_back(errors_section(data));
  sections.push_back(latency_section(data, options));
  sections.push_back(ratio_section(data, options));
  sections.push_back(throughput_section(data));
  sections.push_back(spawn_section(data));
  sections.push_back(versus_section(data));
  for (const std::string& family : data.families()) {
    // Families with a view of their own; every other family gets the generic one.
    if (family != "latency" && family != "throughput" && family != "spawn" && family != "floor" &&
        family != "versus_latency" && family != "versus_throughput") {
      const FamilyView* view = family_view(family);
      sections.push_back(view && view_fits(data, *view) ? family_view_section(data, *view)
                                                        : generic_section(data, family));
    }
  }
  sections.push_back(overhead_section(data));
  sections.push_back(floor_section(data));
  sections.push_back(inconclusive_section(data));
  sections.push_back(changes_section(data));
  sections.push_back(context_section(data));
  std::erase_if(sections, [](const Section& s) { return s.empty(); });
  make_ids_safe(sections);
  return sections;
}

}  // namespace tvp::report
