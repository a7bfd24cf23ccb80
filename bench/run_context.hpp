// What a reader needs to trust or discount the numbers, recorded in the report's "context": the
// machine (kernel, CPU, virtualisation, clock source, huge pages, CPU mitigations, pipe and socket
// buffer limits), the build (compiler, build type, git revision, tvp version) and the matrix.
#pragma once

#include "families.hpp"
#include "options.hpp"

namespace tvp::bench {

// Adds every field with benchmark::AddCustomContext. Call before the benchmarks run.
void add_run_context(const BenchConfig& c, const BenchOptions& o);

}  // namespace tvp::bench
