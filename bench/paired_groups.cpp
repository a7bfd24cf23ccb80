#include "paired_groups.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>

#include "bare.hpp"

namespace tvp::bench {
namespace {

// Latency ÷ floor is quoted for small messages only: beyond a few cache lines the copy, not the
// hand-over, dominates and the cache-line floor says nothing about it.
constexpr std::size_t kFloorRatioMaxBytes = 64;

using Key = std::tuple<const TransportInfo*, Placement, std::size_t>;

// The matrix's cells of one (transport, placement, size), one per model, in model order.
std::map<Key, std::vector<Cell>> by_key(const std::vector<Cell>& all) {
  std::map<Key, std::vector<Cell>> out;
  for (const Cell& cell : all) out[{cell.transport, cell.placement, cell.bytes}].push_back(cell);
  return out;
}

// A reported arm (the cell's own rows, manual time: per-sample clock reads) or a floor arm (real
// time over the loop, not reported as rows).
Arm make_arm(std::string name, BatchBody body, bool is_floor) {
  Arm a;
  a.name = std::move(name);
  a.manual_time = !is_floor;
  a.body = std::move(body);
  a.is_floor = is_floor;
  return a;
}
Arm measured(std::string name, BatchBody body) {
  return make_arm(std::move(name), std::move(body), false);
}
Arm floor_arm(std::string name, BatchBody body) {
  return make_arm(std::move(name), std::move(body), true);
}

std::size_t add(Group& g, Arm arm) {
  g.arms.push_back(std::move(arm));
  return g.arms.size() - 1;
}

// process ÷ thread, when both models are arms.
void add_model_ratio(Group& g, const std::map<Model, std::size_t>& arm_of) {
  const auto t = arm_of.find(Model::thread), p = arm_of.find(Model::process);
  if (t != arm_of.end() && p != arm_of.end())
    g.ratios.push_back({p->second, t->second, "ratio_to_thread"});
}

// The floor a cross_core latency arm of `model` is bounded by: the one-line-per-direction
// cache-line round trip, measured in the same rounds.
std::size_t add_cacheline_floor(Group& g, Model model) {
  return add(g, floor_arm(bench_name("floor", "cacheline_pair", model, Placement::cross_core, 64),
                          cacheline_pair_batch(model)));
}
// A throughput arm's reference: memcpy of the same size, measured in the same rounds.
std::size_t add_memcpy_floor(Group& g, std::size_t bytes) {
  return add(g, floor_arm(bench_name("floor", "memcpy", Model::thread, Placement::unpinned, bytes),
                          memcpy_batch(bytes)));
}

// A cell's latency/ body under the name `name`, suspect when faster than `floor` (if any).
Arm latency_arm(std::string name, const Cell& cell, std::optional<std::size_t> floor) {
  Arm arm = measured(std::move(name), latency_batch(cell));
  arm.floor = floor;
  arm.bounded_by_floor = floor.has_value();
  return arm;
}
// A cell's throughput/ body under the name `name`, with memcpy as its floor.
Arm throughput_arm(std::string name, const Cell& cell, std::size_t memcpy_floor) {
  Arm arm = measured(std::move(name), throughput_batch(cell));
  arm.floor = memcpy_floor;
  // Only a transport that copies every byte is bounded by memcpy; a zero-copy one is not.
  arm.bounded_by_floor = cell.transport->copies;
  return arm;
}

Group latency_group(const BenchConfig& c, const std::vector<Cell>& cells) {
  const Cell& first = cells.front();
  Group g;
  g.label = "latency/" + std::string(first.transport->name) + "/" +
            std::string(to_string(first.placement)) + "/" + std::to_string(first.bytes);
  std::map<Model, std::size_t> floor_of;
  if (first.placement == Placement::cross_core)
    for (const Cell& cell : cells) floor_of[cell.model] = add_cacheline_floor(g, cell.model);
  std::map<Model, std::size_t> latency_of, bare_of;
  for (const Cell& cell : cells) {
    const auto f = floor_of.find(cell.model);
    Arm arm = latency_arm(cell.name("latency"), cell,
                          f == floor_of.end() ? std::nullopt : std::optional(f->second));
    latency_of[cell.model] = add(g, arm);
    if (auto bare = bare_batch(c, cell)) {
      arm.name = cell.name("bare");
      arm.body = std::move(*bare);
      bare_of[cell.model] = add(g, std::move(arm));
    }
  }
  add_model_ratio(g, latency_of);
  add_model_ratio(g, bare_of);
  for (const auto& [model, arm] : latency_of) {
    if (const auto b = bare_of.find(model); b != bare_of.end())
      g.ratios.push_back({arm, b->second, "ratio_to_bare"});
    if (const auto f = floor_of.find(model);
        f != floor_of.end() && first.bytes <= kFloorRatioMaxBytes)
      g.ratios.push_back({arm, f->second, "ratio_to_floor"});
  }
  return g;
}

Group throughput_group(const std::vector<Cell>& cells) {
  const Cell& first = cells.front();
  Group g;
  g.label = "throughput/" + std::string(first.transport->name) + "/" +
            std::string(to_string(first.placement)) + "/" + std::to_string(first.bytes);
  const std::size_t memcpy_arm = add_memcpy_floor(g, first.bytes);
  std::map<Model, std::size_t> arm_of;
  for (const Cell& cell : cells)
    arm_of[cell.model] = add(g, throughput_arm(cell.name("throughput"), cell, memcpy_arm));
  add_model_ratio(g, arm_of);
  for (const auto& [model, arm] : arm_of)
    g.ratios.push_back({arm, memcpy_arm, "ratio_to_memcpy", /*as_bandwidth=*/true});
  return g;
}

// One versus_<kind>/ comparison: the subject's cell and the same cell (model, cross_core, size) of
// every partner, built exactly as their latency/ or throughput/ arms (same body, pinning, warm-up
// by calibration, same floor in the same rounds, so the suspect check holds for both sides).
Group versus_group(bool latency, const Cell& subject,
                   const std::vector<const TransportInfo*>& partners) {
  const std::string family = latency ? "versus_latency" : "versus_throughput";
  Group g;
  g.label = subject.name(family);
  const std::size_t floor =
      latency ? add_cacheline_floor(g, subject.model) : add_memcpy_floor(g, subject.bytes);
  const auto arm = [&](std::string name, const Cell& cell) {
    return latency ? latency_arm(std::move(name), cell, floor)
                   : throughput_arm(std::move(name), cell, floor);
  };
  const std::size_t s = add(g, arm(subject.name(family), subject));
  for (const TransportInfo* t : partners) {
    const Cell other{t, subject.model, subject.placement, subject.bytes};
    // Named after the partner's cell and the subject it is measured for, so that its error row (a
    // partner has no rows of its own) says which comparison it stopped; never a row name.
    Arm p = arm(
        other.name(family) + "/" + std::string(kPartnerOf) + std::string(subject.transport->name),
        other);
    p.partner = true;
    g.ratios.push_back({s, add(g, std::move(p)), "ratio_to_" + std::string(t->name)});
  }
  return g;
}

// versus_latency/<t>/<model>/cross_core/<bytes> and versus_throughput/...: for each transport of
// the run whose row names partners, in each model of the run it shares with at least one of them,
// at every size. time ÷ time: below 1 the subject is faster. cross_core only: the placement where
// both sides of every transport really hand over between CPUs.
std::vector<Group> versus_groups(const BenchConfig& c) {
  std::vector<Group> out;
  if (std::find(c.placements.begin(), c.placements.end(), Placement::cross_core) ==
      c.placements.end())
    return out;
  for (const bool latency : {true, false})
    for (const TransportInfo* subject : c.transports)
      for (Model m : c.models) {
        if (!subject->supports(m)) continue;
        std::vector<const TransportInfo*> partners;
        for (const TransportInfo* t : versus_partners(*subject))
          if (t->supports(m)) partners.push_back(t);
        if (partners.empty()) continue;
        for (std::size_t bytes : c.sizes)
          out.push_back(
              versus_group(latency, {subject, m, Placement::cross_core, bytes}, partners));
      }
  return out;
}

}  // namespace

std::vector<Group> paired_groups(const BenchConfig& c) {
  std::vector<Group> out;
  const std::vector<Cell> all = cells(c);
  // Matrix order (transport, placement, size), as cells() lists them, not the map's key order.
  std::vector<Key> order;
  for (const Cell& cell : all) {
    const Key k{cell.transport, cell.placement, cell.bytes};
    if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
  }
  const auto grouped = by_key(all);
  for (const Key& k : order) out.push_back(latency_group(c, grouped.at(k)));
  for (const Key& k : order) out.push_back(throughput_group(grouped.at(k)));
  for (Group& g : versus_groups(c)) out.push_back(std::move(g));
  return out;
}

}  // namespace tvp::bench
