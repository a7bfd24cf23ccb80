#include "paired_groups.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <tuple>

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

Group latency_group(const BenchConfig& c, const std::vector<Cell>& cells) {
  const Cell& first = cells.front();
  Group g;
  g.label = "latency/" + std::string(first.transport->name) + "/" +
            std::string(to_string(first.placement)) + "/" + std::to_string(first.bytes);
  std::map<Model, std::size_t> floor_of;
  if (first.placement == Placement::cross_core)
    for (const Cell& cell : cells)
      floor_of[cell.model] = add(
          g, floor_arm(bench_name("floor", "cacheline_pair", cell.model, Placement::cross_core, 64),
                       cacheline_pair_batch(cell.model)));
  std::map<Model, std::size_t> latency_of, bare_of;
  for (const Cell& cell : cells) {
    Arm arm = measured(cell.name("latency"), latency_batch(cell));
    if (const auto f = floor_of.find(cell.model); f != floor_of.end()) {
      arm.floor = f->second;
      arm.bounded_by_floor = true;
    }
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
  const std::size_t memcpy_arm =
      add(g, floor_arm(bench_name("floor", "memcpy", Model::thread, Placement::unpinned, first.bytes),
                       memcpy_batch(first.bytes)));
  std::map<Model, std::size_t> arm_of;
  for (const Cell& cell : cells) {
    Arm arm = measured(cell.name("throughput"), throughput_batch(cell));
    arm.floor = memcpy_arm;
    // Only a transport that copies every byte is bounded by memcpy; a zero-copy one is not.
    arm.bounded_by_floor = cell.transport->copies;
    arm_of[cell.model] = add(g, std::move(arm));
  }
  add_model_ratio(g, arm_of);
  for (const auto& [model, arm] : arm_of)
    g.ratios.push_back({arm, memcpy_arm, "ratio_to_memcpy", /*as_bandwidth=*/true});
  return g;
}

std::vector<std::string_view> split_commas(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    out.push_back(s.substr(0, comma));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

// The model a versus comparison measures a transport in: process where it has one (the question is
// what the process world's own hand-over costs), else thread (sharedptr_*: the in-process answer).
std::optional<Model> versus_model(const BenchConfig& c, const TransportInfo& t) {
  const auto has = [&](Model m) {
    return std::find(c.models.begin(), c.models.end(), m) != c.models.end();
  };
  if (t.process_ok && has(Model::process)) return Model::process;
  if (t.thread_ok && has(Model::thread)) return Model::thread;
  return std::nullopt;
}

// versus_latency/<t>/<model>/cross_core/<bytes> and versus_throughput/...: the transport's cell
// and the cell of each transport its row names in `versus`, one batch each per round, so "is an fd
// hand-over faster than the ring?" is a paired ratio with its interval like process ÷ thread
// (time ÷ time: below 1 the subject is faster). cross_core only, every size of the matrix.
std::vector<Group> versus_groups(const BenchConfig& c) {
  std::vector<Group> out;
  if (std::find(c.placements.begin(), c.placements.end(), Placement::cross_core) ==
      c.placements.end())
    return out;
  for (const TransportInfo* subject : c.transports) {
    const auto subject_model = versus_model(c, *subject);
    if (subject->versus.empty() || !subject_model) continue;
    std::vector<std::pair<const TransportInfo*, Model>> partners;
    for (std::string_view name : split_commas(subject->versus))
      for (const TransportInfo* t : c.transports)
        if (t->name == name)
          if (const auto m = versus_model(c, *t)) partners.emplace_back(t, *m);
    if (partners.empty()) continue;
    for (const bool latency : {true, false}) {
      const std::string family = latency ? "versus_latency" : "versus_throughput";
      for (std::size_t bytes : c.sizes) {
        const Cell cell{subject, *subject_model, Placement::cross_core, bytes};
        Group g;
        g.label = family + "/" + std::string(subject->name) + "/cross_core/" + std::to_string(bytes);
        const std::size_t s =
            add(g, measured(cell.name(family), latency ? latency_batch(cell) : throughput_batch(cell)));
        for (const auto& [t, m] : partners) {
          const Cell other{t, m, Placement::cross_core, bytes};
          Arm arm = measured(other.name(family),
                             latency ? latency_batch(other) : throughput_batch(other));
          arm.partner = true;
          const std::size_t p = add(g, std::move(arm));
          g.ratios.push_back({s, p, "ratio_to_" + std::string(t->name)});
        }
        out.push_back(std::move(g));
      }
    }
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
