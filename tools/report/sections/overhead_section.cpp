// What the harness costs: `bare/...` runs the same system calls as the transport in a bare loop (no
// framing, no verification), so latency ÷ bare at the same transport, model, placement and size is
// the factor the harness adds on top of the kernel's own work.
#include <cmath>

#include "figures/line_summaries.hpp"
#include "model/measurement_groups.hpp"
#include "sections/family_slices.hpp"
#include "sections/sections.hpp"
#include "text/ratio_text.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

const Measurement* matching_latency(const Dataset& data, const Measurement& bare) {
  for (const Measurement& m : data.measurements) {
    if (m.name.family == "latency" && m.run == bare.run &&
        m.name.transport == bare.name.transport && m.name.model == bare.name.model &&
        m.name.placement == bare.name.placement && m.name.bytes == bare.name.bytes &&
        m.fields == bare.fields) {
      return &m;
    }
  }
  return nullptr;
}

}  // namespace

Section overhead_section(const Dataset& data) {
  Section section(
      "harness-overhead", "Harness overhead",
      "`bare/...` runs the transport's system calls in a bare loop, without framing or "
      "verification. The ratio is the harness's mean round trip over the bare loop's: paired "
      "(measured in the same rounds, with its 95% interval) where the report has paired rounds.");
  const FamilySlices bare = family_slices(data, "bare");
  if (bare.empty()) return section;
  std::vector<std::string> columns{"transport", "model", "placement", "size"};
  if (data.several_runs()) columns.push_back("run");
  const std::size_t names = columns.size();
  for (const char* c : {"bare", "latency", "latency ÷ bare"}) columns.emplace_back(c);
  Table t = make_table("latency ÷ bare, mean round trip", columns, names);
  std::vector<std::string> unmatched;
  std::vector<double> log_sum(data.runs.size(), 0.0);
  std::vector<std::size_t> ratios(data.runs.size(), 0);
  for (const Measurement* b : bare.all) {
    const Measurement* l = matching_latency(data, *b);
    if (!l) {
      unmatched.push_back(b->run_name);
      continue;
    }
    std::vector<std::string> row{b->name.transport, b->name.model, b->name.placement,
                                 format_bytes(static_cast<double>(b->name.bytes))};
    if (data.several_runs()) row.push_back(data.runs[b->run].label);
    row.push_back(format_duration_ns(b->real_time_ns));
    row.push_back(format_duration_ns(l->real_time_ns));
    double ratio = l->real_time_ns / b->real_time_ns;
    if (const RatioEstimate* paired = data.ratio(l->run, "ratio_to_bare", l->run_name)) {
      ratio = paired->ratio.estimate;
      row.push_back(ratio_cell(paired->ratio));
    } else {
      // Two significant digits, not format_ratio's one decimal: a noisy bare loop can make the
      // ratio 0.03, which must not read as "0.0×".
      row.push_back(format_significant(ratio, 2) + "×");
    }
    t.rows.push_back(std::move(row));
    if (ratio > 0 && std::isfinite(ratio)) {
      log_sum[b->run] += std::log(ratio);
      ++ratios[b->run];
    }
  }
  // One cell swings ±15% between runs on a shared VM (bare against itself does too); the
  // geometric mean over all cells is the harness's cost with that noise mostly averaged out.
  for (std::size_t run = 0; run < data.runs.size(); ++run) {
    if (ratios[run] < 2) continue;
    section.notes.push_back(
        "Geometric mean of the " + std::to_string(ratios[run]) + " ratios" +
        (data.several_runs() ? " of " + data.runs[run].label : std::string()) + ": " +
        format_significant(std::exp(log_sum[run] / static_cast<double>(ratios[run])), 3) + "×.");
  }
  t.note = "1.0× = the harness adds nothing; above it, the share it adds. " +
           mean_note(data, "round trip");
  if (data.any_paired()) t.note += std::string(" ") + kPairedRatioNote;
  if (!t.rows.empty()) section.tables.push_back(std::move(t));
  if (!unmatched.empty()) {
    std::string list;
    for (const std::string& n : unmatched) list += (list.empty() ? "" : ", ") + n;
    section.notes.push_back(
        "No latency benchmark with the same transport, model, placement and "
        "size, so no ratio for: " +
        list);
  }
  return section;
}

}  // namespace tvp::report
