#include "tvp/round_schedule.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <vector>

namespace tvp {
namespace {

TEST(RoundSchedule, EveryRoundRunsEveryArmOnce) {
  RoundSchedule s(4, 1);
  for (int r = 0; r < 50; ++r) {
    std::vector<std::size_t> order = s.next();
    std::sort(order.begin(), order.end());
    EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3}));
  }
  EXPECT_EQ(s.rounds_started(), 50u);
}

TEST(RoundSchedule, OddRoundsReverseTheRoundBefore) {
  RoundSchedule s(3, 7);
  for (int pair = 0; pair < 20; ++pair) {
    const std::vector<std::size_t> first = s.next();
    std::vector<std::size_t> second = s.next();
    std::reverse(second.begin(), second.end());
    EXPECT_EQ(first, second);
  }
}

TEST(RoundSchedule, TwoArmsAreBalancedAndRandomised) {
  RoundSchedule s(2, 99);
  int a_first = 0, ab_pairs = 0;
  constexpr int kPairs = 2000;
  for (int pair = 0; pair < kPairs; ++pair) {
    const bool ab = s.next()[0] == 0;
    a_first += ab ? 1 : 0;
    a_first += s.next()[0] == 0 ? 1 : 0;
    ab_pairs += ab ? 1 : 0;
  }
  EXPECT_EQ(a_first, kPairs);  // A first in exactly half the rounds: A B | B A
  EXPECT_NEAR(ab_pairs, kPairs / 2, 150);  // and which pair starts with A is a coin flip
}

TEST(RoundSchedule, SeedDecidesTheSequence) {
  RoundSchedule a(5, 42), b(5, 42), c(5, 43);
  bool differs = false;
  for (int r = 0; r < 20; ++r) {
    const auto x = a.next();
    EXPECT_EQ(x, b.next());
    differs = differs || x != c.next();
  }
  EXPECT_TRUE(differs);
}

TEST(RoundSchedule, RejectsNoArms) { EXPECT_THROW(RoundSchedule(0, 1), std::invalid_argument); }

TEST(StopRule, MinimumCapTargetAndBudget) {
  const StopRule rule{.min_rounds = 6,
                      .max_rounds = 50,
                      .target_half_width = 0.03,
                      .budget = std::chrono::duration<double>(2.0)};
  using s = std::chrono::duration<double>;
  EXPECT_FALSE(rule.done(5, 0.0, s(0.1)));    // too few rounds, however narrow
  EXPECT_FALSE(rule.done(5, 1.0, s(10.0)));   // too few rounds, however late
  EXPECT_TRUE(rule.done(6, 0.03, s(0.1)));    // target reached
  EXPECT_FALSE(rule.done(6, 0.031, s(0.1)));  // not yet
  EXPECT_TRUE(rule.done(7, 0.2, s(2.0)));     // budget spent
  EXPECT_TRUE(rule.done(50, 0.2, s(0.1)));    // cap
}

}  // namespace
}  // namespace tvp
