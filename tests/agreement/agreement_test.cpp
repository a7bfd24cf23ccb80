#include "agreement.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tvp::agreement {
namespace {

// A minimal Google Benchmark report with ratio_to_thread rows (estimate, low, high, suspect).
std::string report(const std::string& rows) {
  return R"({"context": {"date": "x", "host_name": "h", "executable": "e", "num_cpus": 2,
    "mhz_per_cpu": 1, "cpu_scaling_enabled": false, "caches": [], "load_avg": [],
    "library_build_type": "release"}, "benchmarks": [)" + rows + "]}";
}

std::string row(const std::string& cell, double est, double lo, double hi, int suspect = 0) {
  const std::string run = "latency/" + cell + "/process/cross_core/8/manual_time";
  return R"({"name": ")" + run + R"(_ratio_to_thread", "run_name": ")" + run +
         R"(", "run_type": "aggregate", "aggregate_name": "ratio_to_thread",
         "aggregate_unit": "percentage", "repetitions": 6, "threads": 1, "iterations": 6,
         "real_time": )" + std::to_string(est) + R"(, "cpu_time": )" + std::to_string(est) +
         R"(, "time_unit": "ns", "ci_low": )" + std::to_string(lo) + R"(, "ci_high": )" +
         std::to_string(hi) + R"(, "suspect": )" + std::to_string(suspect) + "}";
}

TEST(Agreement, OverlapMedianChangeAndExclusions) {
  const auto a = gbjson::parse_report(
      report(row("pipe", 1.00, 0.98, 1.02) + "," + row("unix_stream", 1.50, 1.45, 1.55) + "," +
             row("shm_ring", 1.10, 1.05, 1.15) + "," + row("shm_mq", 2.0, 1.9, 2.1, 1) + "," +
             row("unix_dgram", 1.0, 0.9, 1.1)),
      "a");
  const auto b = gbjson::parse_report(
      report(row("pipe", 1.01, 0.99, 1.03) + "," + row("unix_stream", 1.80, 1.70, 1.90) + "," +
             row("shm_ring", 1.10, 1.06, 1.14) + "," + row("shm_mq", 2.0, 1.9, 2.1)),
      "b");
  const Agreement g = agree(a, b, "ratio_to_thread");
  ASSERT_EQ(g.cells.size(), 3u);  // shm_mq suspect in a, unix_dgram only in a
  EXPECT_EQ(g.suspect, 1u);
  EXPECT_EQ(g.only_in_one, 1u);
  EXPECT_EQ(g.overlapping(), 2u);  // unix_stream moved out of its interval
  EXPECT_NEAR(g.median_abs_change(), 0.01, 1e-9);  // changes 1%, 20%, 0%
  const std::string md = render(g, "ratio_to_thread", 1);
  EXPECT_NE(md.find("| intervals overlapping | 2 (66.7%) |"), std::string::npos) << md;
  EXPECT_NE(md.find("latency/unix_stream/process/cross_core/8/manual_time | 1.5× [1.45–1.55] | "
                    "1.8× [1.7–1.9] | +20.0% | **no** |"),
            std::string::npos)
      << md;
}

}  // namespace
}  // namespace tvp::agreement
