// The comparison matrix, declared once: BenchConfig says which transports, models, placements and
// sizes take part; cells() expands it into the cases every transport family registers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "families.hpp"
#include "options.hpp"

namespace tvp::bench {

// The matrix for these options: --quick picks the reduced set, --tvp_sizes and --tvp_transports
// narrow it. cross_core is left out when the process may use only one CPU.
BenchConfig make_config(const BenchOptions& o);

// One benchmark case of a transport family.
struct Cell {
  const TransportInfo* transport;
  Model model;
  Placement placement;
  std::size_t bytes;

  // "<family>/<transport>/<model>/<placement>/<bytes>"
  std::string name(std::string_view family) const;
};

// Every transport x model (those the transport supports) x placement x size, in that nesting
// order, so a report lists a transport's cases together.
std::vector<Cell> cells(const BenchConfig& c);

// "<family>/<what>/<model>/<placement>/<bytes>" for families whose second field is not a transport.
std::string bench_name(std::string_view family, std::string_view what, Model m, Placement p,
                       std::size_t bytes);

}  // namespace tvp::bench
