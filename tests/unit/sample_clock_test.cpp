// The per-sample clock: whichever source it picked, its ticks converted with ns_per_tick() must
// agree with steady_clock over the same interval, and never run backwards on one thread.
#include "tvp/sample_clock.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <thread>

namespace tvp {
namespace {

TEST(SampleClock, DescribesItsSource) {
  const SampleClock& c = SampleClock::get();
  EXPECT_GT(c.ns_per_tick(), 0.0);
  const std::string expected = c.uses_tsc() ? "tsc (" : "steady_clock";
  EXPECT_EQ(c.description().rfind(expected, 0), 0u) << c.description();
  if (!c.uses_tsc()) {
    EXPECT_EQ(c.ns_per_tick(), 1.0);
  }
}

TEST(SampleClock, NeverRunsBackwardsOnOneThread) {
  const SampleClock& c = SampleClock::get();
  std::uint64_t last = c.now();
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t t = c.now();
    ASSERT_GE(t, last);
    last = t;
  }
}

// A correctness check of the conversion, not a speed target: 50 ms of sleep measured both ways
// must agree to a few percent however loaded the machine is (both clocks see the same delays).
TEST(SampleClock, ConvertedTicksAgreeWithSteadyClock) {
  const SampleClock& c = SampleClock::get();
  const auto s0 = std::chrono::steady_clock::now();
  const std::uint64_t t0 = c.now();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::uint64_t t1 = c.now();
  const auto s1 = std::chrono::steady_clock::now();
  const double steady_ns = std::chrono::duration<double, std::nano>(s1 - s0).count();
  const double sample_ns = static_cast<double>(t1 - t0) * c.ns_per_tick();
  EXPECT_NEAR(sample_ns / steady_ns, 1.0, 0.02) << sample_ns << " ns vs " << steady_ns << " ns";
}

}  // namespace
}  // namespace tvp
