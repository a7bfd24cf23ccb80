// The rule by which a waiting side stops sched_yield()ing on a CPU another task wants (FutexWait's
// YieldBackoff): checked on synthetic clock ticks, so it needs no busy machine and no time bound.
#include "tvp/sync/yield_backoff.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

namespace tvp::sync {
namespace {

using namespace std::chrono_literals;
using Clock = YieldBackoff::Clock;

Clock::rep ticks(Clock::duration d) { return d.count(); }

TEST(YieldBackoff, QuickYieldsNeverPause) {
  YieldBackoff b;
  Clock::rep t = ticks(1s);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(b.may_yield(t));
    EXPECT_FALSE(b.record(t, t + ticks(1us)));
    t += ticks(1us);
  }
  EXPECT_EQ(b.pause(), Clock::duration::zero());
}

TEST(YieldBackoff, ASlowYieldStopsYieldingForTheMinimumPause) {
  YieldBackoff b;
  const Clock::rep t = ticks(1s);
  EXPECT_TRUE(b.record(t, t + ticks(YieldBackoff::kSlowYield + 1us)));
  const Clock::rep after = t + ticks(YieldBackoff::kSlowYield + 1us);
  EXPECT_EQ(b.pause(), YieldBackoff::kMinPause);
  EXPECT_FALSE(b.may_yield(after));
  EXPECT_FALSE(b.may_yield(after + ticks(YieldBackoff::kMinPause) - 1));
  EXPECT_TRUE(b.may_yield(after + ticks(YieldBackoff::kMinPause)));
}

TEST(YieldBackoff, ExactlyTheThresholdIsStillQuick) {
  YieldBackoff b;
  EXPECT_FALSE(b.record(0, ticks(YieldBackoff::kSlowYield)));
  EXPECT_TRUE(b.may_yield(ticks(YieldBackoff::kSlowYield)));
}

TEST(YieldBackoff, ThePauseDoublesWhileProbesStaySlowUpToTheMaximum) {
  YieldBackoff b;
  Clock::rep t = ticks(1s);
  Clock::duration expected = YieldBackoff::kMinPause;
  for (int i = 0; i < 20; ++i) {
    const Clock::rep after = t + ticks(1ms);  // a probe that let another task's slice run
    EXPECT_TRUE(b.record(t, after));
    EXPECT_EQ(b.pause(), expected) << "slow probe " << i;
    expected = std::min<Clock::duration>(2 * expected, YieldBackoff::kMaxPause);
    t = after + ticks(b.pause());  // the next probe: the first moment yields are allowed again
    EXPECT_TRUE(b.may_yield(t));
  }
  EXPECT_EQ(b.pause(), YieldBackoff::kMaxPause);
}

TEST(YieldBackoff, AQuickYieldAfterPausesResetsTheBackOff) {
  YieldBackoff b;
  Clock::rep t = ticks(1s);
  for (int i = 0; i < 5; ++i) {
    b.record(t, t + ticks(2ms));
    t += ticks(2ms) + ticks(b.pause());
  }
  ASSERT_GT(b.pause(), YieldBackoff::kMinPause);
  EXPECT_FALSE(b.record(t, t + ticks(1us)));
  EXPECT_EQ(b.pause(), Clock::duration::zero());
  EXPECT_TRUE(b.record(t, t + ticks(1ms)));
  EXPECT_EQ(b.pause(), YieldBackoff::kMinPause) << "after a reset the back-off starts again";
}

}  // namespace
}  // namespace tvp::sync
