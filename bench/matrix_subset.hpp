// The matrix cut down for the families beyond the ping-pong (openloop, scaling, structured), which
// run one placement and their own sizes: the same cells() expansion, so they follow the transport
// and model selection (--tvp_transports, thread_ok/process_ok) exactly like latency does.
#pragma once

#include <algorithm>
#include <vector>

#include "matrix.hpp"

namespace tvp::bench {

// Every transport x model of `c` at one placement and the given sizes.
inline std::vector<Cell> cells_at(const BenchConfig& c, Placement p,
                                  std::vector<std::size_t> sizes) {
  BenchConfig sub = c;
  sub.placements = {p};
  sub.sizes = std::move(sizes);
  return cells(sub);
}

// --quick runs these families on one transport of each kind (the rows marked `quick`: a zero-copy
// shared_ptr handoff, a kernel copy, a shared-memory ring) to stay within its time budget;
// otherwise `c` unchanged.
inline BenchConfig representatives_if_quick(const BenchConfig& c) {
  if (!c.quick) return c;
  BenchConfig q = c;
  std::erase_if(q.transports, [](const TransportInfo* t) { return !t->quick; });
  return q;
}

inline bool has_placement(const BenchConfig& c, Placement p) {
  return std::find(c.placements.begin(), c.placements.end(), p) != c.placements.end();
}

}  // namespace tvp::bench
