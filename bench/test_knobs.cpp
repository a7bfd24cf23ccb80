#include "test_knobs.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace tvp::bench {
namespace {
std::optional<TestSlowdown> g_slowdown;

void spin(std::uint64_t iterations) noexcept {
  for (std::uint64_t i = 0; i < iterations; ++i) asm volatile("" ::: "memory");
}

// Nanoseconds per iteration of spin(): the fastest of a few timed runs of 2^16 iterations (the
// fastest, because a preempted run only ever reads slower).
double ns_per_spin() noexcept {
  using Clock = std::chrono::steady_clock;
  double best = 1e9;
  for (int i = 0; i < 7; ++i) {
    const auto start = Clock::now();
    spin(std::uint64_t{1} << 16);
    const double ns = static_cast<double>(std::chrono::nanoseconds(Clock::now() - start).count());
    best = std::min(best, ns / 65536.0);
  }
  return std::max(best, 0.01);
}
}  // namespace

void busy_wait(std::chrono::nanoseconds d) noexcept {
  if (d.count() <= 0) return;
  if (d < std::chrono::microseconds(2)) {
    static const double per_iteration = ns_per_spin();
    spin(static_cast<std::uint64_t>(static_cast<double>(d.count()) / per_iteration));
    return;
  }
  const auto until = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < until) {
  }
}

void arm_test_slowdown(const std::optional<TestSlowdown>& s) {
  g_slowdown = s;
  if (!s) return;
  const std::string what = s->text();
  const std::string amount = s->fraction > 0 ? what.substr(s->transport.size() + 1) +
                                                   " of the cell's own time (from its warm-up)"
                                             : std::to_string(s->delay.count()) + " ns";
  std::fprintf(stderr,
               "tvp-bench: ********************************************************************\n"
               "tvp-bench: TEST KNOB ON: --tvp_test_slowdown=%s adds %s per message of '%s'.\n"
               "tvp-bench: These numbers are deliberately wrong; the report is marked as such.\n"
               "tvp-bench: ********************************************************************\n",
               what.c_str(), amount.c_str(), s->transport.c_str());
  benchmark::AddCustomContext("tvp_test_slowdown", what);
}

TestDelay::TestDelay(const TransportInfo& t) {
  if (!g_slowdown || g_slowdown->transport != t.name) return;
  fraction_ = g_slowdown->fraction;
  if (fraction_ <= 0) delay_ = g_slowdown->delay;
}

void TestDelay::before_round_trip(std::uint64_t seq, std::uint64_t warmup) {
  if (fraction_ <= 0) {
    busy_wait(delay_);
    return;
  }
  if (seq > warmup) {
    busy_wait(delay_);
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (seq > 0) warmup_ns_.push_back((now - last_).count());
  last_ = now;
  if (seq < warmup) return;
  // seq == warmup: the first timed round trip.
  if (!warmup_ns_.empty()) {
    auto mid = warmup_ns_.begin() + static_cast<std::ptrdiff_t>(warmup_ns_.size() / 2);
    std::nth_element(warmup_ns_.begin(), mid, warmup_ns_.end());
    calibrate(std::chrono::nanoseconds(*mid));
  }
  busy_wait(delay_);
}

void TestDelay::calibrate(std::chrono::nanoseconds per_message) noexcept {
  if (fraction_ > 0)
    delay_ = std::chrono::nanoseconds(
        static_cast<std::int64_t>(static_cast<double>(per_message.count()) * fraction_));
}

}  // namespace tvp::bench
