// bare/<mechanism>/<model>/<placement>/<bytes>: the harness-overhead reference for kernel
// transports (see bare.cpp). latency/ registers each bare case right after its latency twin, so the
// two run back to back on the same machine state and latency/X ÷ bare/X compares like with like.
#pragma once

#include "families.hpp"
#include "matrix.hpp"

namespace tvp::bench {

// Registers bare/<transport>/<model>/<placement>/<bytes> for a latency cell when the transport has
// a bare system-call twin and the cell is at the smallest configured size (at most 4096 bytes).
void register_bare_twin(const BenchConfig& c, const Cell& latency_cell);

}  // namespace tvp::bench
