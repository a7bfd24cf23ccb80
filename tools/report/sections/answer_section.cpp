// The answer the suite exists for, before any chart: how much a process peer costs against a
// thread peer, per transport and placement at the headline sizes, each ratio with its 95%
// interval from paired rounds, and how many ratios missed the run's target precision. Reports
// without paired rounds have no intervals and get no answer table (their ratios stay in the
// "Process ÷ thread" section).
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "model/measurement_groups.hpp"
#include "sections/sections.hpp"
#include "text/ratio_text.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

constexpr std::array<std::uint64_t, 3> kHeadlineSizes{8, 4096, 1048576};

struct RowKey {
  std::size_t rank;  // transport_rank: rows in the reports' transport order
  std::size_t run;
  std::string transport;
  Fields fields;
  auto order() const { return std::tie(rank, transport, fields, run); }
  bool operator<(const RowKey& o) const { return order() < o.order(); }
};

struct CellKey {
  RowKey row;
  std::string placement;
  std::uint64_t bytes;
  bool operator<(const CellKey& o) const {
    return std::tie(row, placement, bytes) < std::tie(o.row, o.placement, o.bytes);
  }
};

CellKey key_of(const Dataset& data, std::size_t run, const gbjson::BenchmarkName& n) {
  return {{transport_rank(data, n.transport), run, n.transport, name_fields(n.suffixes)},
          n.placement,
          n.bytes};
}

// The cells of `family` whose process ÷ thread ratio was left out as suspect: a suspect process
// arm, or a ratio_to_thread whose thread side is suspect.
std::set<CellKey> suspect_cells(const Dataset& data, const std::string& family) {
  std::set<CellKey> out;
  for (const SuspectCell& s : data.suspects) {
    const auto n = gbjson::parse_benchmark_name(s.run_name);
    if (n && n->family == family && n->model == "process") out.insert(key_of(data, s.run, *n));
  }
  return out;
}

// Headline sizes present; when none of them is, the smallest, middle and largest present.
std::vector<std::uint64_t> answer_sizes(const std::set<std::uint64_t>& present,
                                        const std::string& family) {
  std::vector<std::uint64_t> out;
  for (std::uint64_t s : kHeadlineSizes)
    if (present.count(s)) out.push_back(s);
  if (!out.empty() || present.empty()) return out;
  const std::vector<std::uint64_t> all(present.begin(), present.end());
  return key_sizes(all, choose_size(all, std::nullopt, family));
}

std::optional<Table> answer_table(const Dataset& data, const std::string& family,
                                  const std::string& title) {
  std::map<CellKey, const RatioEstimate*> cells;
  for (const RatioEstimate* r : data.ratios_of("ratio_to_thread", family)) {
    cells[key_of(data, r->run, r->name)] = r;
  }
  const std::set<CellKey> suspect = suspect_cells(data, family);
  std::set<RowKey> rows;
  std::map<std::string, std::set<std::uint64_t>> sizes;  // per placement
  bool any_fields = false;
  const auto note_cell = [&](const CellKey& k) {
    rows.insert(k.row);
    sizes[k.placement].insert(k.bytes);
    any_fields = any_fields || !k.row.fields.empty();
  };
  for (const auto& [k, r] : cells) note_cell(k);
  for (const CellKey& k : suspect) note_cell(k);
  if (cells.empty()) return std::nullopt;
  std::vector<std::string> placements;
  for (const auto& [p, s] : sizes) placements.push_back(p);
  std::stable_sort(placements.begin(), placements.end(), [](const auto& a, const auto& b) {
    return placement_rank(a) < placement_rank(b);
  });

  std::vector<std::string> header{"transport"};
  if (any_fields) header.push_back("fields");
  if (data.several_runs()) header.push_back("run");
  const std::size_t names = header.size();
  Table t = make_table(title, header, names);
  t.column_groups.push_back({"", names});
  std::map<std::string, std::vector<std::uint64_t>> columns;
  for (const std::string& p : placements) {
    columns[p] = answer_sizes(sizes[p], family);
    for (std::uint64_t s : columns[p]) t.columns.push_back(format_bytes(static_cast<double>(s)));
    t.column_groups.push_back({p, columns[p].size()});
  }
  t.numeric.resize(t.columns.size(), true);
  for (const RowKey& row : rows) {
    std::vector<std::string> cells_text{row.transport};
    if (any_fields) cells_text.push_back(fields_text(row.fields));
    if (data.several_runs()) cells_text.push_back(data.runs[row.run].label);
    for (const std::string& p : placements) {
      for (std::uint64_t s : columns[p]) {
        const CellKey k{row, p, s};
        const auto it = cells.find(k);
        cells_text.push_back(it != cells.end()  ? ratio_cell(it->second->ratio)
                             : suspect.count(k) ? "suspect, left out"
                                                : "—");
      }
    }
    t.rows.push_back(std::move(cells_text));
  }
  t.note = std::string("Process ÷ thread: above 1× processes are slower. ") + kPairedRatioNote +
           " — = not measured; suspect = faster than the run's floor, listed under Suspect "
           "results.";
  return t;
}

std::string method_text(const Dataset& data) {
  std::string out;
  for (const Run& r : data.runs) {
    if (!r.paired) continue;
    const auto& c = r.context.custom;
    std::string line = data.several_runs() ? r.label + ": " : "";
    if (const auto it = c.find("tvp_pairing"); it != c.end()) line += "Method: " + it->second + ".";
    if (const auto it = c.find("tvp_ci_target"); it != c.end()) {
      char* end = nullptr;
      const double w = std::strtod(it->second.c_str(), &end);
      line +=
          " Target interval: " + (end != it->second.c_str() ? format_half_width(w) : it->second) +
          ".";
    }
    if (const auto it = c.find("tvp_seed"); it != c.end()) line += " Seed " + it->second + ".";
    if (line.size() > (data.several_runs() ? r.label.size() + 2 : 0))
      out += (out.empty() ? "" : " ") + line;
  }
  return out;
}

}  // namespace

Section answer_section(const Dataset& data) {
  Section section("answer", "The answer: process ÷ thread");
  if (!data.any_paired()) return section;
  section.intro =
      "How many times longer a round trip (or a streamed message) takes with a forked process as "
      "the peer than with a thread: the same transport, placement and size, both measured in the "
      "same rounds in random order. Each cell is the geometric mean of the per-round ratios with "
      "its 95% interval.";
  const std::string method = method_text(data);
  if (!method.empty()) section.intro += " " + method;
  if (auto t = answer_table(data, "latency", "Process ÷ thread, round-trip latency"))
    section.tables.push_back(std::move(*t));
  if (auto t = answer_table(data, "throughput", "Process ÷ thread, throughput (time per message)"))
    section.tables.push_back(std::move(*t));
  if (section.tables.empty()) {
    section.notes.push_back(
        "The paired report(s) have no process ÷ thread ratio (no ratio_to_thread row that is not "
        "suspect).");
  }
  const std::size_t missed = static_cast<std::size_t>(
      std::count_if(data.ratios.begin(), data.ratios.end(),
                    [](const RatioEstimate& r) { return r.ratio.target_met == false; }));
  if (missed > 0) {
    section.notes.push_back(std::to_string(missed) + " of the " +
                            std::to_string(data.ratios.size()) +
                            " paired ratios did not reach the run's target width (†): listed "
                            "with their half width under Inconclusive ratios.");
  }
  return section;
}

}  // namespace tvp::report
