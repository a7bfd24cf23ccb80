// What crossing a process boundary costs: for every transport measured both ways, the process
// round trip divided by the thread round trip at each size. 1× means the model does not matter.
// A report of paired rounds brings the ratio with its 95% interval (drawn as whiskers); an older
// report gets the ratio of the two medians, measured apart, without one.
#include <algorithm>
#include <cmath>

#include "charts/line_chart.hpp"
#include "figures/series_style.hpp"
#include "model/measurement_groups.hpp"
#include "sections/family_slices.hpp"
#include "sections/sections.hpp"
#include "text/ratio_text.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

struct Pair {
  const Line* thread;
  const Line* process;
};

std::vector<Pair> pairs_of(const std::vector<Line>& lines) {
  std::vector<Pair> out;
  for (const Line& t : lines) {
    if (t.model != "thread") continue;
    for (const Line& p : lines) {
      if (p.model == "process" && p.run == t.run && p.transport == t.transport &&
          p.fields == t.fields) {
        out.push_back({&t, &p});
      }
    }
  }
  return out;
}

// Process ÷ thread at one size: the paired ratio row when the report has one, else (an unpaired
// report) median ÷ median. NaN estimate when there is neither.
struct PairRatio {
  double estimate = NAN;
  const gbjson::PairedRatio* paired = nullptr;
};

PairRatio ratio_at(const Dataset& data, const Pair& pair, std::uint64_t bytes) {
  const Measurement* t = pair.thread->at(bytes);
  const Measurement* p = pair.process->at(bytes);
  if (!t || !p) return {};
  if (data.runs[p->run].paired) {
    const RatioEstimate* r = data.ratio(p->run, "ratio_to_thread", p->run_name);
    return r ? PairRatio{r->ratio.estimate, &r->ratio} : PairRatio{};
  }
  return {p->real_time_ns / t->real_time_ns, nullptr};
}

std::string pair_label(const Dataset& data, const Pair& pair) {
  const std::string fields = fields_text(pair.thread->fields);
  return pair.thread->transport + (fields.empty() ? "" : " · " + fields) +
         data.run_suffix(pair.thread->run);
}

std::string table_note(const Dataset& data) {
  const bool paired = data.any_paired();
  const bool unpaired =
      !std::all_of(data.runs.begin(), data.runs.end(), [](const Run& r) { return r.paired; });
  std::string note;
  if (paired) note = kPairedRatioNote;
  if (unpaired) {
    note += std::string(note.empty() ? "" : " ") +
            "Reports without paired rounds: process ÷ thread of the mean round trips (each the "
            "median of its repetitions), measured apart, without an interval.";
  }
  return note;
}

}  // namespace

Section ratio_section(const Dataset& data, const ReportOptions& options) {
  Section section("process-vs-thread", "Process ÷ thread",
                  "The same transport measured with a thread peer and with a forked process peer: "
                  "the ratio of their round trips. Above 1× the process boundary costs "
                  "time; near 1× it does not matter.");
  const FamilySlices latency = family_slices(data, "latency");
  if (latency.empty()) return section;
  const std::uint64_t chosen = choose_size(sizes_of(latency.all), options.size, "latency");
  for (const auto& [placement, here, lines] : latency.by_placement) {
    const std::vector<Pair> pairs = pairs_of(lines);
    if (pairs.empty()) {
      section.notes.push_back("No transport was measured with both models at " + placement + ".");
      continue;
    }
    LineChart chart;
    chart.text = {"ratio-" + placement, "Process ÷ thread round trip, " + placement,
                  data.any_paired()
                      ? "process ÷ thread round trip, same transport and size, paired rounds; "
                        "whiskers = 95% interval"
                      : "process ÷ thread mean round trip (medians of repetitions), same "
                        "transport and size",
                  "message size", "process ÷ thread"};
    chart.caption = "1× = no cost for crossing the process boundary.";
    chart.y_unit = AxisUnit::ratio;
    chart.rules.push_back({"1× (same as thread)", 1.0});
    const std::vector<std::uint64_t> sizes = sizes_of(here);
    const std::vector<std::uint64_t> columns = key_sizes(sizes, chosen);
    std::vector<std::string> header{"transport"};
    if (data.several_runs()) header.push_back("run");
    for (std::uint64_t s : columns) header.push_back(format_bytes(static_cast<double>(s)));
    Table table = make_table("Process ÷ thread, " + placement, header, data.several_runs() ? 2 : 1);
    table.note = table_note(data);
    for (const Pair& pair : pairs) {
      Series s = series_style(data, *pair.thread);
      s.name = pair_label(data, pair);
      for (std::uint64_t bytes : sizes) {
        const PairRatio r = ratio_at(data, pair, bytes);
        if (bytes == 0 || !std::isfinite(r.estimate) || r.estimate <= 0) continue;
        Point point{static_cast<double>(bytes), r.estimate};
        if (r.paired && r.paired->usable()) {
          point.low = r.paired->ci_low;
          point.high = r.paired->ci_high;
        }
        s.points.push_back(point);
      }
      if (!s.points.empty()) chart.series.push_back(std::move(s));
      std::vector<std::string> row{pair.thread->transport};
      if (data.several_runs()) row.push_back(data.runs[pair.thread->run].label);
      for (std::uint64_t bytes : columns) {
        const PairRatio r = ratio_at(data, pair, bytes);
        row.push_back(r.paired                    ? ratio_cell(*r.paired)
                      : std::isfinite(r.estimate) ? format_ratio(r.estimate)
                                                  : "—");
      }
      table.rows.push_back(std::move(row));
    }
    if (!chart.series.empty()) section.charts.push_back(render(chart));
    section.tables.push_back(std::move(table));
  }
  return section;
}

}  // namespace tvp::report
