#include "matrix.hpp"

#include <algorithm>

namespace tvp::bench {
namespace {

const std::vector<std::size_t> kDefaultSizes = {8, 64, 512, 4096, 32768, 262144, 1048576};
// The quick set keeps the smallest size (the latency targets are quoted at 8 B), one size past the
// default pipe buffer and the largest, where copying dominates.
const std::vector<std::size_t> kQuickSizes = {8, 65536, 1048576};

}  // namespace

BenchConfig make_config(const BenchOptions& o) {
  BenchConfig c;
  c.quick = o.quick;
  c.sizes = o.sizes ? *o.sizes : (o.quick ? kQuickSizes : kDefaultSizes);
  const bool two_cpus = allowed_cpu_count() >= 2;
  if (o.quick) {
    if (two_cpus) c.placements.push_back(Placement::cross_core);
    c.placements.push_back(Placement::same_core);
  } else {
    c.placements.push_back(Placement::same_core);
    if (two_cpus) c.placements.push_back(Placement::cross_core);
    c.placements.push_back(Placement::unpinned);
  }
  c.models = {Model::thread, Model::process};
  for (const TransportInfo& t : all_transports()) {
    const bool wanted = !o.transports || std::find(o.transports->begin(), o.transports->end(),
                                                   t.name) != o.transports->end();
    if (wanted) c.transports.push_back(&t);
  }
  return c;
}

std::string bench_name(std::string_view family, std::string_view what, Model m, Placement p,
                       std::size_t bytes) {
  std::string n(family);
  for (std::string_view part : {what, to_string(m), to_string(p)}) (n += '/') += part;
  return n + '/' + std::to_string(bytes);
}

std::string Cell::name(std::string_view family) const {
  return bench_name(family, transport->name, model, placement, bytes);
}

std::vector<Cell> cells(const BenchConfig& c) {
  std::vector<Cell> out;
  for (const TransportInfo* t : c.transports)
    for (Model m : c.models) {
      if (!t->supports(m)) continue;
      for (Placement p : c.placements)
        for (std::size_t b : c.sizes) out.push_back({t, m, p, b});
    }
  return out;
}

}  // namespace tvp::bench
