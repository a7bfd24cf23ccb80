// Every benchmark family registers itself from one function; main() calls them in this order
// (floor first, so each report carries its physical reference before the transports).
// The matrix (which transports, models, placements, sizes) is decided once, in BenchConfig.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tvp/placement.hpp"
#include "tvp/transport.hpp"

namespace tvp::bench {

struct BenchConfig {
  bool quick = false;                     // --quick: the reduced matrix (<= 2 minutes)
  std::vector<std::size_t> sizes;         // message sizes for latency/throughput
  std::vector<Placement> placements;      // same_core, cross_core, unpinned (those the machine allows)
  std::vector<Model> models;              // thread, process
  std::vector<const TransportInfo*> transports;  // from the registry, possibly filtered
};

// Family registration (one file each: bench/<family>.cpp).
void register_floor(const BenchConfig& c);       // floor/...
void register_latency(const BenchConfig& c);     // latency/...
void register_throughput(const BenchConfig& c);  // throughput/...
void register_spawn(const BenchConfig& c);       // spawn/...
void register_sync(const BenchConfig& c);        // sync/...
// Beyond the ping-pong (issue #8). main() calls these after the five above.
void register_openloop(const BenchConfig& c);    // openloop/...
void register_scaling(const BenchConfig& c);     // scaling/...
void register_ownership(const BenchConfig& c);   // ownership/...
void register_structured(const BenchConfig& c);  // structured/...

}  // namespace tvp::bench
