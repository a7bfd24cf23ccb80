// Round-trip latency: the suite's headline. One line chart per placement (size against mean
// round trip, log-log, the cacheline floor as a rule), one percentile chart per placement at the
// chosen size, and a table of the key figures.
#include <algorithm>
#include <cmath>

#include "charts/bar_chart.hpp"
#include "figures/floor_reference.hpp"
#include "figures/line_summaries.hpp"
#include "figures/series_style.hpp"
#include "model/measurement_groups.hpp"
#include "sections/family_slices.hpp"
#include "sections/sections.hpp"
#include "text/ratio_text.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

double round_trip(const Measurement& m) { return m.real_time_ns; }

std::vector<Rule> floor_rules(const Dataset& data, const std::string& placement) {
  std::vector<Rule> rules;
  for (std::size_t run = 0; run < data.runs.size(); ++run)
    for (LatencyFloor kind : {LatencyFloor::one_line, LatencyFloor::line_per_direction})
      if (auto f = latency_floor(data, run, placement, kind)) rules.push_back({f->label, f->ns});
  return rules;
}

std::optional<RenderedChart> latency_chart(const Dataset& data, const std::string& placement,
                                           const std::vector<Line>& lines) {
  LineChart chart;
  chart.text = {"latency-" + placement, "Round-trip latency, " + placement,
                "mean round trip per message size; solid = thread, dashed = process",
                "message size", "round trip (mean)"};
  chart.caption =
      "Lower is better. Each point is the mean round trip of one benchmark; the "
      "dotted grey rules are the run's cache-line ping-pong floors: one line for both "
      "directions (the hardware's minimum), and one line per direction (the least a channel "
      "with a queue per direction can move).";
  for (const Line& l : lines) {
    Series s = series_of(data, l, round_trip);
    if (!s.points.empty()) chart.series.push_back(std::move(s));
  }
  if (chart.series.empty()) return std::nullopt;  // only 0-byte points: nothing on a log axis
  chart.rules = floor_rules(data, placement);
  return render(chart);
}

std::string joined(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  return list;
}

// p50/p99/p99.9 at one size. tvp-bench leaves p99_ns out of a repetition with fewer than 1,000
// samples and p999_ns below 10,000: such a bar is missing (never replaced by max_ns) and named in
// a note; lines with none of the three are left out and named.
std::optional<RenderedChart> percentile_chart(const Dataset& data, const std::string& placement,
                                              const std::vector<Line>& lines, std::uint64_t size,
                                              std::vector<std::string>& notes) {
  BarChart chart;
  chart.text = {
      "percentiles-" + placement + "-" + std::to_string(size),
      "Latency percentiles at " + format_bytes(static_cast<double>(size)) + ", " + placement,
      "p50 / p99 / p99.9 of per-message round trips; light, dashed outline = process",
      "transport · model", "round trip"};
  chart.caption =
      "A tall p99.9 next to a short p50 means a long tail: scheduler wake-ups, page "
      "faults or preemption.";
  chart.keys = {"p50", "p99", "p99.9"};
  chart.key_colours = {"#9ecae1", "#3182bd", "#08306b"};
  std::vector<std::string> none, no_p99, no_p999;
  for (const Line& l : lines) {
    const Measurement* m = l.at(size);
    if (!m) continue;
    const double p50 = m->counter("p50_ns"), p99 = m->counter("p99_ns"),
                 p999 = m->counter("p999_ns");
    if (std::isnan(p50) && std::isnan(p99) && std::isnan(p999)) {
      none.push_back(m->run_name);
      continue;
    }
    if (std::isnan(p99)) no_p99.push_back(m->run_name);
    if (std::isnan(p999)) no_p999.push_back(m->run_name);
    chart.groups.push_back(line_label(data, l));
    chart.values.push_back({p50, p99, p999});
    chart.group_light.push_back(l.model != "thread");
  }
  if (!none.empty()) {
    notes.push_back("No p50_ns/p99_ns/p999_ns counters, left out of the percentile chart: " +
                    joined(none));
  }
  if (chart.groups.empty()) return std::nullopt;
  if (!no_p99.empty()) {
    notes.push_back("No p99 at " + format_bytes(static_cast<double>(size)) + ", " + placement +
                    " (fewer than 1,000 samples per repetition), no bar for: " + joined(no_p99));
  }
  if (!no_p999.empty()) {
    notes.push_back("No p99.9 at " + format_bytes(static_cast<double>(size)) + ", " + placement +
                    " (fewer than 10,000 samples per repetition), no bar for: " + joined(no_p999));
  }
  chart.rules = floor_rules(data, placement);
  return render(chart);
}

// The size at which the lines' paired runs have ratio_to_floor rows (the bench writes them at
// 64 B and below): the largest such size, nullopt when none.
std::optional<std::uint64_t> paired_floor_size(const Dataset& data,
                                               const std::vector<Line>& lines) {
  std::optional<std::uint64_t> best;
  for (const Line& l : lines) {
    for (const Measurement* m : l.points) {
      if (data.ratio(m->run, "ratio_to_floor", m->run_name) && (!best || m->name.bytes > *best))
        best = m->name.bytes;
    }
  }
  return best;
}

Table latency_table(const Dataset& data, const std::string& placement,
                    const std::vector<Line>& lines, const std::vector<std::uint64_t>& sizes,
                    std::uint64_t chosen) {
  Table t = table_by_size(data, "Mean round trip, " + placement, lines, sizes, time_cell);
  const std::string at = " @ " + format_bytes(static_cast<double>(chosen));
  t.columns.push_back("p99" + at);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Measurement* m = lines[i].at(chosen);
    const double p99 = m ? m->counter("p99_ns") : NAN;
    t.rows[i].push_back(std::isnan(p99) ? "—" : format_duration_ns(p99));
  }
  std::string note = mean_note(data, "round trip") +
                     " p99 — = not measured (fewer than 1,000 "
                     "samples per repetition) or no benchmark.";
  // Floors measured at another time than the transport: only for reports without paired rounds,
  // whose ratios are all of that kind. A paired report's floor was measured in the same rounds.
  const bool unpaired = std::any_of(lines.begin(), lines.end(),
                                    [&](const Line& l) { return !data.runs[l.run].paired; });
  if (unpaired) {
    t.columns.push_back("× floor" + at);
    t.columns.push_back("× pair floor" + at);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Measurement* m = data.runs[lines[i].run].paired ? nullptr : lines[i].at(chosen);
      for (LatencyFloor kind : {LatencyFloor::one_line, LatencyFloor::line_per_direction}) {
        const auto floor = latency_floor(data, lines[i].run, placement, kind);
        t.rows[i].push_back(m && floor ? format_ratio(m->real_time_ns / floor->ns) : "—");
      }
    }
    note +=
        " × floor = mean round trip ÷ the run's cacheline floor (one line both ways); × pair "
        "floor = ÷ floor/cacheline_pair (one line per direction), measured apart.";
  }
  if (const auto size = paired_floor_size(data, lines)) {
    t.columns.push_back("× pair floor @ " + format_bytes(static_cast<double>(*size)) + ", paired");
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Measurement* m = lines[i].at(*size);
      const RatioEstimate* r = m ? data.ratio(m->run, "ratio_to_floor", m->run_name) : nullptr;
      t.rows[i].push_back(r ? ratio_cell(r->ratio) : "—");
    }
    note +=
        " × pair floor, paired = ÷ floor/cacheline_pair measured in the same rounds, [95% "
        "interval].";
  }
  t.numeric.resize(t.columns.size(), true);
  t.note = note;
  return t;
}

}  // namespace

Section latency_section(const Dataset& data, const ReportOptions& options) {
  Section section("latency", "Round-trip latency",
                  "One iteration is one round trip: a message of the given size goes to the peer "
                  "and comes back. Threads and processes run the same timing code.");
  const FamilySlices latency = family_slices(data, "latency");
  if (latency.empty()) return section;
  const std::uint64_t chosen = choose_size(sizes_of(latency.all), options.size, "latency");
  for (const auto& [placement, here, lines] : latency.by_placement) {
    if (auto chart = latency_chart(data, placement, lines)) {
      section.charts.push_back(std::move(*chart));
    } else {
      section.notes.push_back("No latency chart for " + placement + ": no size above 0 bytes.");
    }
    if (auto bars = percentile_chart(data, placement, lines, chosen, section.notes)) {
      section.charts.push_back(std::move(*bars));
    } else {
      section.notes.push_back("No percentile chart for " + placement + ": no benchmark at " +
                              format_bytes(static_cast<double>(chosen)) +
                              " has p50/p99/p999 counters.");
    }
    section.tables.push_back(
        latency_table(data, placement, lines, key_sizes(sizes_of(here), chosen), chosen));
  }
  if (data.family("floor").empty()) {
    section.notes.push_back("The reports have no floor/cacheline benchmark, so no floor is drawn.");
  }
  return section;
}

}  // namespace tvp::report
