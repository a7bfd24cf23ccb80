// Test-only knobs (compiled in with TVP_TEST_KNOBS). --tvp_test_slowdown=<transport>:<ns> makes one
// transport slower by a known amount so the regression gate's tests can check that it notices; a
// run with it on announces itself loudly and marks its report, so it can never pass as a real one.
#pragma once

#include <chrono>
#include <optional>

#include "options.hpp"
#include "tvp/transport.hpp"

namespace tvp::bench {

// Arms the slowdown (nullopt: off): prints a banner on stderr and records "tvp_test_slowdown" in
// the report's context. Call once, before the benchmarks run.
void arm_test_slowdown(const std::optional<TestSlowdown>& s);

// The extra delay per message for transport `t`: zero unless armed for exactly that transport.
std::chrono::nanoseconds test_slowdown_for(const TransportInfo& t) noexcept;

// Burns `d` on this CPU (a busy wait, not a sleep, so it adds exactly d and does not yield).
inline void busy_wait(std::chrono::nanoseconds d) noexcept {
  if (d.count() <= 0) return;
  const auto until = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < until) {
  }
}

}  // namespace tvp::bench
