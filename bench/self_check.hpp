// The run's own physical floor, measured once at start-up: a result faster than physics allows on
// this machine (a round trip below the cache-line round trip between the cross_core CPUs, a copying
// transport above memcpy bandwidth) is a measuring error, not a fast transport, and is flagged.
#pragma once

#include "matrix.hpp"

namespace tvp::bench {

// Measures the floor for the configured sizes and records it in the report's context
// (tvp_floor_cacheline_roundtrip_ns, tvp_floor_memcpy_bytes_per_second). Call once, before the
// benchmarks run. Without two usable CPUs the cache-line round trip is not measured and no
// latency is flagged.
void measure_floor(const BenchConfig& c);

// True if a cross_core cell's mean round trip is below the measured cache-line round trip.
bool latency_suspect(const Cell& cell, double mean_round_trip_ns);
// True if a copying transport moved more bytes per second than memcpy of the same size does.
bool throughput_suspect(const Cell& cell, double bytes_per_second);

}  // namespace tvp::bench
