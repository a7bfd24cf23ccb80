// Mann–Whitney U against published values, a hand-derived tie-corrected value, and a brute-force
// enumeration of the permutation distribution (an independent way to get the exact p-value).
#include "mann_whitney.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace tvp::compare {
namespace {

using V = std::vector<double>;

double p_of(const V& a, const V& b, MwuMethod m = MwuMethod::automatic) {
  return mann_whitney_u(a, b, m).p;
}

// U by its definition (pairs, ties 1/2) and the two-sided p by enumerating every split of the
// pooled values: no ranks, no dynamic programming.
double brute_force_p(const V& a, const V& b) {
  V pooled = a;
  pooled.insert(pooled.end(), b.begin(), b.end());
  const auto u_of = [](const V& x, const V& y) {
    double u = 0;
    for (const double xi : x) {
      for (const double yj : y) u += xi > yj ? 1.0 : (xi == yj ? 0.5 : 0.0);
    }
    return u;
  };
  const double observed = u_of(a, b);
  std::vector<bool> pick(pooled.size(), false);
  std::fill(pick.begin(), pick.begin() + static_cast<std::ptrdiff_t>(a.size()), true);
  double total = 0, low = 0, high = 0;
  do {
    V x, y;
    for (std::size_t i = 0; i < pooled.size(); ++i) (pick[i] ? x : y).push_back(pooled[i]);
    const double u = u_of(x, y);
    total += 1;
    low += u <= observed ? 1 : 0;
    high += u >= observed ? 1 : 0;
  } while (std::prev_permutation(pick.begin(), pick.end()));
  return std::min(1.0, 2 * std::min(low, high) / total);
}

TEST(MannWhitney, ExactWithoutTies) {
  // Complete separation, 3 vs 3: 2 of the C(6,3) = 20 splits are this extreme.
  MwuResult r = mann_whitney_u(V{1, 2, 3}, V{4, 5, 6});
  EXPECT_EQ(r.u, 0);
  EXPECT_TRUE(r.exact);
  EXPECT_DOUBLE_EQ(r.p, 0.1);
  // Interleaved: U = 3, P(U <= 3) = 7/20, two-sided 0.7.
  r = mann_whitney_u(V{1, 3, 5}, V{2, 4, 6});
  EXPECT_EQ(r.u, 3);
  EXPECT_DOUBLE_EQ(r.p, 0.7);
  EXPECT_DOUBLE_EQ(p_of(V{1, 2, 3, 4, 5}, V{6, 7, 8, 9, 10}), 2.0 / 252);
}

// The example of scipy.stats.mannwhitneyu's documentation (males vs females).
TEST(MannWhitney, ScipyDocumentationExample) {
  const V males = {19, 22, 16, 29, 24};
  const V females = {20, 11, 17, 12};
  const MwuResult exact = mann_whitney_u(males, females, MwuMethod::exact);
  EXPECT_EQ(exact.u, 17);
  EXPECT_NEAR(exact.p, 0.1111111111111111, 1e-15);
  const MwuResult asymptotic = mann_whitney_u(males, females, MwuMethod::asymptotic);
  EXPECT_FALSE(asymptotic.exact);
  EXPECT_NEAR(asymptotic.p, 0.11134688653314041, 1e-12);
}

TEST(MannWhitney, AsymptoticTieCorrection) {
  // a = {1,2,2,3}, b = {2,3,3,4}. Midranks: 1 -> 1, 2 -> 3, 3 -> 6, 4 -> 8; R_a = 13, U = 3.
  // Tie groups of 3 and 3: sum(t^3 - t) = 48. var = 4*4/12 * (9 - 48/(8*7)) = 10.857142857142856.
  // z = (|3 - 8| - 0.5) / sqrt(var) = 1.3656982020004891; p = erfc(z / sqrt 2) = 0.172033708921823.
  const MwuResult r = mann_whitney_u(V{1, 2, 2, 3}, V{2, 3, 3, 4}, MwuMethod::asymptotic);
  EXPECT_EQ(r.u, 3);
  EXPECT_NEAR(r.p, 0.17203370892182296, 1e-12);
}

TEST(MannWhitney, ExactWithTiesMatchesBruteForce) {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> value(0, 3);  // few distinct values: many ties
  std::uniform_int_distribution<std::size_t> size(1, 7);
  for (int trial = 0; trial < 300; ++trial) {
    V a(size(rng)), b(size(rng));
    for (double& x : a) x = value(rng);
    for (double& x : b) x = value(rng);
    EXPECT_NEAR(p_of(a, b, MwuMethod::exact), brute_force_p(a, b), 1e-12) << "trial " << trial;
  }
}

TEST(MannWhitney, SymmetricAndBounded) {
  const V a = {10, 12, 11, 15, 9}, b = {14, 16, 13, 18};
  const MwuResult ab = mann_whitney_u(a, b), ba = mann_whitney_u(b, a);
  EXPECT_DOUBLE_EQ(ab.p, ba.p);
  EXPECT_DOUBLE_EQ(ab.u + ba.u, 20);
  EXPECT_EQ(p_of(V{5, 5, 5}, V{5, 5}), 1.0);
  EXPECT_EQ(p_of(V{5, 5, 5}, V{5, 5}, MwuMethod::asymptotic), 1.0);
  EXPECT_EQ(p_of(V{1}, V{2}), 1.0);
}

TEST(MannWhitney, AutomaticSwitchesToAsymptoticForLargeSamples) {
  V a(30), b(30);
  for (std::size_t i = 0; i < 30; ++i) {
    a[i] = 100 + static_cast<double>(i % 7);
    b[i] = 103 + static_cast<double>(i % 7);
  }
  const MwuResult r = mann_whitney_u(a, b);
  EXPECT_FALSE(r.exact);
  EXPECT_LT(r.p, 1e-3);
  // Where both are computed (20 vs 20 with ties) they agree to about a percent.
  const V a20(a.begin(), a.begin() + 20), b20(b.begin(), b.begin() + 20);
  EXPECT_TRUE(mann_whitney_u(a20, b20).exact);
  EXPECT_NEAR(p_of(a20, b20, MwuMethod::exact), p_of(a20, b20, MwuMethod::asymptotic), 0.01);
}

TEST(MannWhitney, SmallestAttainableP) {
  EXPECT_DOUBLE_EQ(min_exact_p(1, 1), 1.0);
  EXPECT_DOUBLE_EQ(min_exact_p(2, 2), 2.0 / 6);
  EXPECT_DOUBLE_EQ(min_exact_p(3, 3), 0.1);  // why 3 vs 3 can never reach alpha = 0.05
  EXPECT_DOUBLE_EQ(min_exact_p(4, 4), 2.0 / 70);
  EXPECT_DOUBLE_EQ(min_exact_p(5, 5), 2.0 / 252);
  EXPECT_DOUBLE_EQ(min_exact_p(3, 5), 2.0 / 56);
  EXPECT_DOUBLE_EQ(min_exact_p(5, 3), 2.0 / 56);
}

}  // namespace
}  // namespace tvp::compare
