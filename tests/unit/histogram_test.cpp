// The latency histogram against exact percentiles computed by sorting the same samples.
#include "tvp/histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace tvp {
namespace {

// The exact q-quantile with the histogram's definition: the ceil(q*n)-th smallest sample.
std::uint64_t exact(std::vector<std::uint64_t> v, double q) {
  std::sort(v.begin(), v.end());
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

TEST(Histogram, EmptyReportsZeros) {
  Histogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.percentile(0.5), 0u);
  EXPECT_EQ(h.max(), 0u);
  EXPECT_EQ(h.min(), 0u);
  EXPECT_EQ(h.mean(), 0.0);
}

TEST(Histogram, SmallValuesAreExact) {
  Histogram h;
  std::vector<std::uint64_t> v;
  for (std::uint64_t i = 0; i < 256; ++i) {
    h.record(255 - i);
    v.push_back(255 - i);
  }
  for (double q : {0.01, 0.5, 0.9, 0.99, 0.999, 1.0}) EXPECT_EQ(h.percentile(q), exact(v, q)) << q;
  EXPECT_EQ(h.min(), 0u);
  EXPECT_EQ(h.max(), 255u);
  EXPECT_DOUBLE_EQ(h.mean(), 127.5);
}

TEST(Histogram, LargeValuesAreWithinResolution) {
  std::mt19937_64 rng(42);
  // Log-uniform from 100 ns to ~100 s: every bucket width is exercised.
  std::uniform_real_distribution<double> exponent(2.0, 11.0);
  Histogram h;
  std::vector<std::uint64_t> v;
  for (int i = 0; i < 100'000; ++i) {
    auto x = static_cast<std::uint64_t>(std::pow(10.0, exponent(rng)));
    h.record(x);
    v.push_back(x);
  }
  for (double q : {0.001, 0.1, 0.5, 0.9, 0.99, 0.999}) {
    const double want = static_cast<double>(exact(v, q));
    EXPECT_NEAR(static_cast<double>(h.percentile(q)), want, want / 256.0 + 1) << q;
  }
  EXPECT_EQ(h.percentile(1.0), *std::max_element(v.begin(), v.end()));
  EXPECT_EQ(h.max(), *std::max_element(v.begin(), v.end()));
  EXPECT_EQ(h.min(), *std::min_element(v.begin(), v.end()));
}

TEST(Histogram, ExtremesAndReset) {
  Histogram h;
  h.record(UINT64_MAX);
  h.record(1);
  EXPECT_EQ(h.percentile(1.0), UINT64_MAX);
  EXPECT_EQ(h.percentile(0.5), 1u);
  h.reset();
  EXPECT_EQ(h.count(), 0u);
  h.record(1000);
  EXPECT_EQ(h.percentile(0.5), 1000u);  // clamped to the only sample, not the bucket midpoint
}

TEST(Histogram, TailIsNotHiddenByTheBulk) {
  Histogram h;
  for (int i = 0; i < 9990; ++i) h.record(200);
  for (int i = 0; i < 10; ++i) h.record(1'000'000);
  EXPECT_EQ(h.percentile(0.99), 200u);
  EXPECT_NEAR(static_cast<double>(h.percentile(0.9995)), 1e6, 1e6 / 256);
}

}  // namespace
}  // namespace tvp
