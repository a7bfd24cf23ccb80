// Every benchmark family registers itself from one function; main() calls them in this order
// (floor first, so each report carries its physical reference before the transports).
// The matrix (which transports, models, placements, sizes) is decided once, in BenchConfig.
#pragma once

#include <cstddef>
#include <functional>
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

// Family registration with Google Benchmark (one file each: bench/<family>.cpp).
void register_floor(const BenchConfig& c);       // floor/...
void register_spawn(const BenchConfig& c);       // spawn/...
void register_sync(const BenchConfig& c);        // sync/...
// Beyond the ping-pong (issue #8). main() calls these after the five above.
void register_openloop(const BenchConfig& c);    // openloop/...
void register_scaling(const BenchConfig& c);     // scaling/...
void register_ownership(const BenchConfig& c);   // ownership/...
void register_structured(const BenchConfig& c);  // structured/...

// The paired families: latency/, throughput/ (and bare/, see bare.hpp) are not registered with
// Google Benchmark. Their cells are arms of paired comparisons (paired_groups.hpp), each run as one
// batch per round by the paired runner; a BatchBody runs one batch of one cell.
class BatchState;
using BatchBody = std::function<void(BatchState&)>;
struct Cell;
BatchBody latency_batch(const Cell& cell);     // latency/<transport>/...
BatchBody throughput_batch(const Cell& cell);  // throughput/<transport>/...
// The run's floor, measured as arms of the same rounds (floor.cpp).
BatchBody cacheline_pair_batch(Model model);  // floor/cacheline_pair/<model>/cross_core/64
BatchBody memcpy_batch(std::size_t bytes);    // floor/memcpy/thread/unpinned/<bytes>

}  // namespace tvp::bench
