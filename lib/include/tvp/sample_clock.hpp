// The clock that times individual samples (one round trip each) in tight loops.
//
// std::chrono::steady_clock::now() costs ~46 ns on the reference VM, a third of the cache-line
// round trip it would be timing. Where the kernel itself trusts the time-stamp counter for
// CLOCK_MONOTONIC (clocksource "tsc") and the CPU says the counter is invariant (constant_tsc and
// nonstop_tsc), a sample is read straight from it instead (~25 ns there) and converted with a ratio
// calibrated once against steady_clock; elsewhere steady_clock itself is the sample clock.
//
//   const SampleClock& clock = SampleClock::get();
//   std::uint64_t t0 = clock.now(); work(); double ns = (clock.now() - t0) * clock.ns_per_tick();
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace tvp {

class SampleClock {
 public:
  // The process's clock; the first call decides and calibrates (~20 ms when the TSC is used).
  static const SampleClock& get();

  std::uint64_t now() const noexcept {
#if defined(__x86_64__) || defined(__i386__)
    // Not serialising: a sample may start or end a few instructions early or late, and since
    // samples are chained end to start that error moves time between neighbours, never loses it.
    if (tsc_) return __rdtsc();
#endif
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                          std::chrono::steady_clock::now().time_since_epoch())
                                          .count());
  }
  double ns_per_tick() const noexcept { return ns_per_tick_; }
  bool uses_tsc() const noexcept { return tsc_; }
  // For the report's context: "tsc (0.3571 ns/tick)" or "steady_clock (<why>)".
  const std::string& description() const noexcept { return description_; }

 private:
  SampleClock();
  bool tsc_ = false;
  double ns_per_tick_ = 1.0;
  std::string description_;
};

}  // namespace tvp
