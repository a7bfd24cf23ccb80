// Test-only knobs (compiled in with TVP_TEST_KNOBS). --tvp_test_slowdown makes one transport slower
// by a known amount so the regression gate's tests can check that it notices: a fixed delay per
// message (T:NS) or a share of the cell's own time per message (T:P%), the latter measured in the
// cell's warm-up so "10% slower" means 10% for a 200 ns ring and for a 10 us pipe alike, in both
// models. A run with it on announces itself loudly and marks its report, so it can never pass as a
// real one.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "options.hpp"
#include "tvp/transport.hpp"

namespace tvp::bench {

// Arms the slowdown (nullopt: off): prints a banner on stderr and records "tvp_test_slowdown" in
// the report's context. Call once, before the benchmarks run.
void arm_test_slowdown(const std::optional<TestSlowdown>& s);

// Burns `d` on this CPU (a busy wait, not a sleep, so it adds about d and does not yield). A delay
// under 2 µs counts loop iterations calibrated once against the clock, with no clock read inside:
// one read of steady_clock costs ~140 ns on the 2-vCPU KVM guest, so the clock-watching loop turned
// a "5%" slowdown of a ~400 ns ring (20 ns asked) into +17-34% measured. Longer delays watch the
// clock.
void busy_wait(std::chrono::nanoseconds d) noexcept;

// The delay one trial of transport `t` adds before each message it sends. Off (no cost beyond a
// branch) unless the knob is armed for exactly this transport.
class TestDelay {
 public:
  explicit TestDelay(const TransportInfo& t);

  // Ping-pong: call before sending round trip `seq`; round trips 0..warmup-1 are the warm-up. In
  // the relative form the warm-up is timed, not slowed: at seq == warmup the delay becomes the
  // fraction of the median warm-up round trip (a median: the first round trips fault pages in).
  void before_round_trip(std::uint64_t seq, std::uint64_t warmup);

  // Streams: the relative form's delay from the warm-up phase's time per message.
  void calibrate(std::chrono::nanoseconds per_message) noexcept;
  // Streams, timed part: call before each message.
  void before_message() const noexcept { busy_wait(delay_); }

  std::chrono::nanoseconds delay() const noexcept { return delay_; }

 private:
  double fraction_ = 0;  // > 0: the relative form, delay_ set by calibration
  std::chrono::nanoseconds delay_{0};
  std::chrono::steady_clock::time_point last_{};
  std::vector<std::int64_t> warmup_ns_;
};

}  // namespace tvp::bench
