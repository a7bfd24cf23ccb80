// bare/<mechanism>/<model>/<placement>/<bytes>: the harness-overhead reference for kernel
// transports (see bare.cpp). Each bare case is an arm of its latency twin's paired comparison, so
// the two run interleaved in the same rounds and latency/X ÷ bare/X compares like with like.
#pragma once

#include <optional>

#include "families.hpp"
#include "matrix.hpp"

namespace tvp::bench {

// The bare/<transport>/<model>/<placement>/<bytes> body for a latency cell, when the transport has
// a bare system-call twin and the cell is at the smallest configured size (at most 4096 bytes).
std::optional<BatchBody> bare_batch(const BenchConfig& c, const Cell& latency_cell);

}  // namespace tvp::bench
