// Transport against transport: versus_latency/ and versus_throughput/ measure a transport beside
// the partners its registry row names, in the same rounds and the same model, and write one paired
// ratio per partner on the transport's row (ratio_to_<partner>, time ÷ time). One table per family
// and placement: a row per transport ÷ partner × model, a column per size, each cell the ratio
// with its 95% interval. The families' own rows (the subject's times) repeat latency/ and
// throughput/ and get no chart here.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "model/measurement_groups.hpp"
#include "sections/sections.hpp"
#include "text/ratio_text.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

constexpr std::string_view kRatioPrefix = "ratio_to_";

struct RowKey {
  std::size_t subject_rank, partner_rank;
  std::string subject, partner;
  int model;  // thread first
  Fields fields;
  std::size_t run;
  auto order() const {
    return std::tie(subject_rank, subject, partner_rank, partner, model, fields, run);
  }
  bool operator<(const RowKey& o) const { return order() < o.order(); }
};

std::string model_of(const RowKey& k) { return k.model == 0 ? "thread" : "process"; }

Table family_table(const Dataset& data, const std::string& family, const std::string& placement,
                   const std::vector<const RatioEstimate*>& ratios) {
  std::map<RowKey, std::map<std::uint64_t, const RatioEstimate*>> rows;
  std::set<std::uint64_t> sizes;
  for (const RatioEstimate* r : ratios) {
    const std::string partner = r->ratio.kind.substr(kRatioPrefix.size());
    const RowKey k{transport_rank(data, r->name.transport), transport_rank(data, partner),
                   r->name.transport, partner, r->name.model == "thread" ? 0 : 1, r->fields,
                   r->run};
    rows[k][r->name.bytes] = r;
    sizes.insert(r->name.bytes);
  }
  const bool latency = family == "versus_latency";
  std::vector<std::string> columns{"transport ÷ partner", "model"};
  if (data.several_runs()) columns.push_back("run");
  const std::size_t names = columns.size();
  for (std::uint64_t s : sizes) columns.push_back(format_bytes(static_cast<double>(s)));
  Table t = make_table(family + ", " + placement +
                           (latency ? ": round trip ÷ partner's round trip"
                                    : ": time per message ÷ partner's time per message"),
                       columns, names);
  for (const auto& [k, by_size] : rows) {
    const std::string f = fields_text(k.fields);
    std::vector<std::string> row{k.subject + " ÷ " + k.partner + (f.empty() ? "" : " · " + f),
                                 model_of(k)};
    if (data.several_runs()) row.push_back(data.runs[k.run].label);
    for (std::uint64_t s : sizes) {
      const auto it = by_size.find(s);
      row.push_back(it == by_size.end() ? "—" : ratio_cell(it->second->ratio));
    }
    t.rows.push_back(std::move(row));
  }
  t.note = std::string("Below 1× the transport is faster than its partner, above 1× slower; both "
                       "measured in the same rounds, same model and placement. ") +
           kPairedRatioNote +
           " — = no ratio at that size (a side failed or was left out as suspect).";
  return t;
}

}  // namespace

Section versus_section(const Dataset& data) {
  Section section("transport-vs-transport", "Transport ÷ transport",
                  "A transport measured beside the partners its registry row names (versus), "
                  "in the same paired rounds, the same model and placement: the ratio of their "
                  "round trips (versus_latency) or of their time per message in a stream "
                  "(versus_throughput).");
  for (const std::string family : {"versus_latency", "versus_throughput"}) {
    std::map<std::string, std::vector<const RatioEstimate*>> by_placement;
    for (const RatioEstimate& r : data.ratios)
      if (r.name.family == family && r.ratio.kind.starts_with(kRatioPrefix))
        by_placement[r.name.placement].push_back(&r);
    std::vector<std::string> placements;
    for (const auto& [p, _] : by_placement) placements.push_back(p);
    std::stable_sort(placements.begin(), placements.end(), [](const auto& a, const auto& b) {
      return placement_rank(a) < placement_rank(b);
    });
    for (const std::string& p : placements)
      section.tables.push_back(family_table(data, family, p, by_placement.at(p)));
  }
  return section;
}

}  // namespace tvp::report
