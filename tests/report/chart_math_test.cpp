// Numbers a reader sees: unit prefixes and the ticks of log axes.
#include <gtest/gtest.h>

#include <cmath>

#include "charts/log_axis.hpp"
#include "text/units.hpp"

namespace tvp::report {
namespace {

std::vector<std::string> labels(const LogAxis& axis) {
  std::vector<std::string> out;
  for (const Tick& t : axis.ticks()) {
    if (!t.label.empty()) out.push_back(t.label);
  }
  return out;
}

TEST(Units, Durations) {
  EXPECT_EQ(format_duration_ns(850), "850 ns");
  EXPECT_EQ(format_duration_ns(12345), "12.3 µs");
  EXPECT_EQ(format_duration_ns(999.8), "1 µs");  // not "1000 ns"
  EXPECT_EQ(format_duration_ns(4.1e6), "4.1 ms");
  EXPECT_EQ(format_duration_ns(2e9), "2 s");
}

TEST(Units, BytesAreBinary) {
  EXPECT_EQ(format_bytes(64), "64 B");
  EXPECT_EQ(format_bytes(4096), "4 KiB");
  EXPECT_EQ(format_bytes(1536), "1.5 KiB");
  EXPECT_EQ(format_bytes(1048576), "1 MiB");
  EXPECT_EQ(format_bytes(0), "0 B");
}

TEST(Units, RatesAreDecimal) {
  EXPECT_EQ(format_rate(1.24e10), "12.4 GB/s");
  EXPECT_EQ(format_rate(8.5e8), "850 MB/s");
}

TEST(Units, RatiosAndChanges) {
  EXPECT_EQ(format_ratio(1.26), "1.3×");
  EXPECT_EQ(format_ratio(27.4), "27×");
  EXPECT_EQ(format_percent_change(12.46), "+12.5%");
  EXPECT_EQ(format_percent_change(-3), "-3.0%");
  EXPECT_EQ(format_significant(std::nan("")), "NaN");
}

TEST(LogAxis, BytesGetPowersOfTwo) {
  const LogAxis axis(64, 1048576, AxisUnit::bytes, 0, 560);
  EXPECT_EQ(axis.domain_min(), 64);
  EXPECT_EQ(axis.domain_max(), 1048576);
  const std::vector<std::string> expected{"64 B",   "256 B",  "1 KiB",   "4 KiB",
                                          "16 KiB", "64 KiB", "256 KiB", "1 MiB"};
  EXPECT_EQ(labels(axis), expected);
}

TEST(LogAxis, SingleSizeGetsRoomOnBothSides) {
  const LogAxis axis(64, 64, AxisUnit::bytes, 0, 560);
  EXPECT_LT(axis.domain_min(), 64);
  EXPECT_GT(axis.domain_max(), 64);
  EXPECT_DOUBLE_EQ(axis.to_pixel(64), 280);
}

TEST(LogAxis, WideTimeRangeGetsDecades) {
  const LogAxis axis(140, 5.2e5, AxisUnit::duration_ns, 400, 0);
  EXPECT_EQ(axis.domain_min(), 100);
  EXPECT_EQ(axis.domain_max(), 1e6);
  const std::vector<std::string> expected{"100 ns", "1 µs", "10 µs", "100 µs", "1 ms"};
  EXPECT_EQ(labels(axis), expected);
  EXPECT_DOUBLE_EQ(axis.to_pixel(100), 400);  // y grows upwards
  EXPECT_DOUBLE_EQ(axis.to_pixel(1e6), 0);
  EXPECT_DOUBLE_EQ(axis.to_pixel(1e4), 200);
}

TEST(LogAxis, NarrowRangeGetsOneTwoFiveSteps) {
  const LogAxis axis(0.9, 1.7, AxisUnit::ratio, 400, 0);
  EXPECT_EQ(labels(axis), (std::vector<std::string>{"0.5×", "1×", "2×"}));
}

TEST(LogAxis, VeryNarrowRangeStillHasLabelsAroundTheData) {
  const LogAxis axis(35, 35, AxisUnit::duration_ns, 400, 0);
  EXPECT_LT(axis.domain_min(), 35);
  EXPECT_GT(axis.domain_max(), 35);
  EXPECT_GE(labels(axis).size(), 2u);
}

TEST(LogAxis, OutOfDomainValuesAreClamped) {
  const LogAxis axis(100, 1000, AxisUnit::duration_ns, 400, 0);
  EXPECT_DOUBLE_EQ(axis.to_pixel(1), 400);
  EXPECT_DOUBLE_EQ(axis.to_pixel(1e9), 0);
}

}  // namespace
}  // namespace tvp::report
