// Test-only (compiled in with TVP_TEST_KNOBS): with TVP_TEST_MARKER_DIR=<dir> in the environment,
// the process peer of every latency/ and throughput/ trial creates the empty file
// <dir>/in-timed-loop.<its pid> once its warm-up is done, just before its timed phase. A fault test
// (tests/fault/external_kill.sh) waits for such a file and SIGKILLs exactly that pid, instead of
// guessing with a sleep whether the benchmark has reached its timed loop on a loaded machine.
// Off unless the variable is set (one branch per trial); the file is created before the peer's
// measured usage window starts, and thread peers never create one (their pid is tvp-bench's).
#pragma once

#include "tvp/transport.hpp"

namespace tvp::bench {

// Reads TVP_TEST_MARKER_DIR and announces it on stderr if set. Call once in main, before any fork.
void arm_test_marker();

// In a peer body, between its warm-up and its timed phase.
void mark_timed_phase(Model model) noexcept;

}  // namespace tvp::bench
