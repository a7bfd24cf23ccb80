#include "sections/family_views.hpp"

#include <algorithm>
#include <cmath>

#include "figures/line_summaries.hpp"
#include "model/measurement_groups.hpp"
#include "sections/family_slices.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

const CounterView kP50{"p50_ns", "p50", AxisUnit::duration_ns};
const CounterView kP99{"p99_ns", "p99", AxisUnit::duration_ns};
const CounterView kP999{"p999_ns", "p99.9", AxisUnit::duration_ns};
const CounterView kMsgs{"msgs_per_s", "msgs/s", AxisUnit::count};
const CounterView kOffered{"offered_rate", "offered msgs/s", AxisUnit::count};
const CounterView kAchieved{"achieved_rate", "achieved msgs/s", AxisUnit::count};
const CounterView kBehind{"behind_pct", "behind %", AxisUnit::count};
const CounterView kTime{"", "mean time per iteration", AxisUnit::duration_ns};

const std::vector<FamilyView>& views() {
  static const std::vector<FamilyView> all{
      {"openloop",
       "rate_pct",
       false,
       {kP50, kP99, kP999},
       {kP50, kP99, kP999, kOffered, kAchieved, kBehind},
       "One-way latency with messages offered at a fixed share (rate_pct) of the transport's "
       "measured capacity: how the tail grows as the load approaches saturation."},
      {"scaling",
       "pairs",
       false,
       {kMsgs, kP99},
       {kMsgs, kP99, kTime},
       "Several sender → receiver pairs at once: messages per second of all pairs, and the "
       "worst pair's p99 round trip, against the number of pairs."},
      {"structured",
       "codec",
       true,
       {kP50},
       {kP50, kP99, kTime},
       "A structured record handed over as a shared_ptr (codec:none) or encoded, sent and "
       "decoded (binary, msgpack), per record size."},
      {"ownership",
       "",
       true,
       {kP50},
       {kP50, kP99, kTime},
       "Ways of handing an object's ownership to another thread, at each size."},
  };
  return all;
}

std::string size_text(std::uint64_t bytes) { return format_bytes(static_cast<double>(bytes)); }

std::string cell(const Measurement& m, const CounterView& v) {
  const double x = counter_value(m, v);
  if (!std::isfinite(x)) return "—";
  return v.unit == AxisUnit::duration_ns ? format_duration_ns(x) : format_count(x);
}

Table counter_table(const Dataset& data, const std::string& title, const Measurements& ms,
                    const std::vector<CounterView>& counters) {
  const std::vector<Line> lines = lines_of(data, ms);
  std::vector<std::string> columns = line_name_columns(data, lines);
  const std::size_t names = columns.size();
  for (const CounterView& c : counters) columns.push_back(c.name);
  Table t = make_table(title, columns, names);
  for (const Line& l : lines) {
    std::vector<std::string> row = line_name_cells(data, lines, l);
    // One size per table, so each line has one point.
    for (const CounterView& c : counters) row.push_back(cell(*l.points.front(), c));
    t.rows.push_back(std::move(row));
  }
  t.note = "Each counter per benchmark " + per_benchmark_statistic(data) +
           "; — = the benchmark has no such counter. " + mean_note(data);
  return t;
}

Measurements with_size(const Measurements& ms, std::uint64_t bytes) {
  Measurements out;
  for (const Measurement* m : ms) {
    if (m->name.bytes == bytes) out.push_back(m);
  }
  return out;
}

}  // namespace

const FamilyView* family_view(const std::string& family) {
  for (const FamilyView& v : views()) {
    if (v.family == family) return &v;
  }
  return nullptr;
}

bool view_fits(const Dataset& data, const FamilyView& view) {
  const Measurements all = data.family(view.family);
  return std::all_of(all.begin(), all.end(), [&](const Measurement* m) {
    return view.field.empty() || !m->field(view.field).empty();
  });
}

Section family_view_section(const Dataset& data, const FamilyView& view) {
  Section section("family-" + view.family, view.family,
                  view.intro + " Light, dashed outline or dashed line = process.");
  const FamilySlices slices = family_slices(data, view.family);
  for (const auto& [placement, here, lines] : slices.by_placement) {
    for (std::uint64_t bytes : sizes_of(here)) {
      const Measurements ms = with_size(here, bytes);
      const std::string where = view.family + ", " + placement + ", " + size_text(bytes);
      for (const CounterView& c : view.charts) {
        const std::string against =
            view.field.empty() ? "" : (view.bars ? " by " : " against ") + view.field;
        const ChartText text{
            view.family + "-" + placement + "-" + std::to_string(bytes) + "-" + c.name,
            where + ": " + c.name + against,
            (c.counter.empty() ? "mean time" : c.counter) + " of each benchmark",
            view.bars ? "transport · model" : view.field, c.name};
        const auto chart = view.bars ? counter_bars_by_field(data, text, ms, view.field, c)
                                     : counter_against_field(data, text, ms, view.field, c);
        if (chart) {
          section.charts.push_back(*chart);
        } else {
          section.notes.push_back("No " + c.name + " chart for " + where + ": no benchmark has " +
                                  c.counter + ".");
        }
      }
      section.tables.push_back(counter_table(data, where, ms, view.table));
    }
  }
  return section;
}

}  // namespace tvp::report
