// Paired ratios whose 95% interval stayed wider than the run's target (tvp-bench stopped at its
// round cap or time budget first): honest, only less precise. Listed with their half width so a
// reader knows which cells to take with care and how much more measuring they would need.
#include <algorithm>
#include <array>
#include <string_view>

#include "sections/sections.hpp"
#include "text/ratio_text.hpp"

namespace tvp::report {
namespace {

// The answer's ratio first, then the others in the order their tables appear.
std::size_t kind_rank(std::string_view kind) {
  static constexpr std::array<std::string_view, 4> kOrder{"ratio_to_thread", "ratio_to_bare",
                                                          "ratio_to_floor", "ratio_to_memcpy"};
  return static_cast<std::size_t>(std::find(kOrder.begin(), kOrder.end(), kind) - kOrder.begin());
}

}  // namespace

Section inconclusive_section(const Dataset& data) {
  Section section("inconclusive", "Inconclusive ratios");
  std::vector<const RatioEstimate*> missed;
  for (const RatioEstimate& r : data.ratios)
    if (r.ratio.target_met == false) missed.push_back(&r);
  if (missed.empty()) return section;
  std::stable_sort(missed.begin(), missed.end(), [](const auto* a, const auto* b) {
    return kind_rank(a->ratio.kind) < kind_rank(b->ratio.kind);
  });
  section.intro =
      "Paired ratios whose 95% interval is wider than the run's target: the run stopped (round "
      "cap or time budget) first. The interval is honest, only wider; a larger budget narrows "
      "it. Marked † wherever they appear.";
  std::vector<std::string> columns{"benchmark", "ratio"};
  if (data.several_runs()) columns.insert(columns.begin(), "run");
  const std::size_t names = columns.size();
  for (const char* c : {"estimate [95% interval]", "half width", "rounds"}) columns.emplace_back(c);
  Table t = make_table("Interval wider than the run's target", columns, names);
  for (const RatioEstimate* r : missed) {
    std::vector<std::string> row{r->run_name, ratio_kind_text(r->ratio.kind)};
    if (data.several_runs()) row.insert(row.begin(), data.runs[r->run].label);
    gbjson::PairedRatio plain = r->ratio;
    plain.target_met.reset();  // the † would repeat what the whole table says
    row.push_back(ratio_cell(plain));
    row.push_back(format_half_width(r->ratio.half_width));
    row.push_back(std::to_string(r->ratio.rounds));
    t.rows.push_back(std::move(row));
  }
  section.tables.push_back(std::move(t));
  return section;
}

}  // namespace tvp::report
