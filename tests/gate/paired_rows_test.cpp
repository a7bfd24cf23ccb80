// tvp_gbjson on the rows of tvp-bench's paired rounds: ratio rows are ratios (never nanoseconds),
// a ratio row Google Benchmark would have scaled is refused, absent percentiles stay absent, and
// the suspect flag is read the one way both tools use.
#include <gtest/gtest.h>

#include <cmath>

#include "tvp/gbjson.hpp"

namespace gb = tvp::gbjson;

namespace {

const std::string kArm = "latency/pipe/process/cross_core/8/manual_time";

// A report with one aggregate row of `kArm`: aggregate `name`, `unit`, real_time 1.38 written in
// microseconds (a ratio must ignore the unit), and the counters in `counters` (leading comma).
std::string aggregate_row(const std::string& name, const std::string& unit,
                          const std::string& counters) {
  return R"({"context": {"date": "d", "host_name": "h", "num_cpus": 2, "mhz_per_cpu": 2100},
            "benchmarks": [{"name": ")" +
         kArm + "_" + name + R"(", "run_name": ")" + kArm +
         R"(", "run_type": "aggregate", "repetitions": 12, "threads": 1, "aggregate_name": ")" +
         name + R"(", "aggregate_unit": ")" + unit +
         R"(", "iterations": 12, "real_time": 1.38, "cpu_time": 1.38, "time_unit": "us")" +
         counters + "}]}";
}

const std::string kInterval =
    R"(, "ci_low": 1.31, "ci_high": 1.45, "rounds": 12, "half_width": 0.05, "target_met": 1,
       "suspect": 0)";

gb::Entry only_entry(const std::string& text) {
  return gb::parse_report(text, "mem.json").benchmarks.at(0);
}

std::string error_of(const std::string& text) {
  try {
    gb::parse_report(text, "mem.json");
  } catch (const gb::Error& e) {
    EXPECT_EQ(e.kind(), gb::ErrorKind::bad_field);
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(PairedRows, RatioRowIsARatioNeverATime) {
  const gb::Entry e = only_entry(aggregate_row("ratio_to_thread", "percentage", kInterval));
  EXPECT_TRUE(e.holds_ratio());
  EXPECT_TRUE(std::isnan(e.real_time_ns)) << "a ratio read as " << e.real_time_ns << " ns";
  EXPECT_TRUE(std::isnan(e.cpu_time_ns));
  EXPECT_EQ(e.run_name, kArm);
  const std::optional<gb::PairedRatio> r = gb::paired_ratio(e);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, "ratio_to_thread");
  EXPECT_DOUBLE_EQ(r->estimate, 1.38);  // not 1380: time_unit "us" does not apply
  EXPECT_DOUBLE_EQ(r->ci_low, 1.31);
  EXPECT_DOUBLE_EQ(r->ci_high, 1.45);
  EXPECT_EQ(r->rounds, 12);
  EXPECT_DOUBLE_EQ(r->half_width, 0.05);
  EXPECT_EQ(r->target_met, std::optional<bool>(true));
  EXPECT_FALSE(r->suspect);
  EXPECT_TRUE(r->usable());
  EXPECT_FALSE(r->holds_one());
}

TEST(PairedRows, CvRowsAreRatiosToo) {
  const gb::Entry e = only_entry(aggregate_row("cv", "percentage", ""));
  EXPECT_TRUE(e.holds_ratio());
  EXPECT_TRUE(std::isnan(e.real_time_ns));
  EXPECT_FALSE(gb::paired_ratio(e));  // a cv is not a paired ratio
  const gb::Entry mean = only_entry(aggregate_row("mean", "time", ""));
  EXPECT_FALSE(mean.holds_ratio());
  EXPECT_DOUBLE_EQ(mean.real_time_ns, 1380);
}

TEST(PairedRows, RatioRowScaledAsATimeIsRefused) {
  const std::string msg = error_of(aggregate_row("ratio_to_bare", "time", kInterval));
  EXPECT_NE(msg.find("ratio row \"ratio_to_bare\" must have aggregate_unit \"percentage\", found "
                     "\"time\""),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("mem.json: benchmarks[0]"), std::string::npos) << msg;
}

TEST(PairedRows, RatioRowWithoutItsIntervalIsRefused) {
  const std::string msg =
      error_of(aggregate_row("ratio_to_floor", "percentage", R"(, "ci_high": 1.45)"));
  EXPECT_NE(msg.find("ratio row \"ratio_to_floor\" has no \"ci_low\" counter"), std::string::npos)
      << msg;
}

TEST(PairedRows, MissingFiguresAreDerivedOrLeftUnknown) {
  const gb::Entry e = only_entry(
      aggregate_row("ratio_to_memcpy", "percentage", R"(, "ci_low": 1.2, "ci_high": 1.5)"));
  const gb::PairedRatio r = *gb::paired_ratio(e);
  EXPECT_EQ(r.rounds, 12);                           // the row's repetitions
  EXPECT_NEAR(r.half_width, 1 - 1.2 / 1.38, 1e-12);  // the wider side of the interval (low)
  EXPECT_FALSE(r.target_met.has_value());            // not "inconclusive": the row does not say
}

TEST(PairedRows, IntervalHoldingOneAndUnusableIntervals) {
  gb::PairedRatio r;
  r.estimate = 0.99;
  r.ci_low = 0.97;
  r.ci_high = 1.02;
  EXPECT_TRUE(r.holds_one());
  EXPECT_TRUE(r.usable());
  r.ci_low = NAN;
  EXPECT_FALSE(r.holds_one());
  EXPECT_FALSE(r.usable());
  r.ci_low = 1.0;  // estimate outside its own interval
  EXPECT_FALSE(r.usable());
}

TEST(PairedRows, SuspectIsACounterThatIsNotZero) {
  const auto suspect = [](const std::string& counters) {
    return gb::flagged_suspect(only_entry(aggregate_row("mean", "time", counters)));
  };
  EXPECT_TRUE(suspect(R"(, "suspect": 1)"));
  EXPECT_TRUE(suspect(R"(, "suspect": 0.25)"));  // a _mean over rounds, some of them flagged
  EXPECT_FALSE(suspect(R"(, "suspect": 0)"));
  EXPECT_FALSE(suspect(R"(, "suspect": NaN)"));
  EXPECT_FALSE(suspect(""));
}

TEST(PairedRows, AbsentPercentilesStayAbsent) {
  const std::string text = R"({"context": {"date": "d", "host_name": "h", "num_cpus": 2,
      "mhz_per_cpu": 2100}, "benchmarks": [{"name": ")" +
                           kArm + R"(", "run_name": ")" + kArm +
                           R"(", "run_type": "iteration", "repetitions": 12, "repetition_index": 3,
      "iterations": 400, "real_time": 9000, "cpu_time": 7000, "time_unit": "ns", "p50_ns": 8800,
      "p90_ns": 9900, "max_ns": 40000, "tvp_round": 3, "tvp_order": 1, "floor_ns": 420}]})";
  const gb::Entry e = only_entry(text);
  EXPECT_EQ(e.counters.count("p99_ns"), 0U);
  EXPECT_EQ(e.counters.count("p999_ns"), 0U);
  EXPECT_DOUBLE_EQ(e.counters.at("max_ns"), 40000);
  EXPECT_DOUBLE_EQ(e.counters.at("floor_ns"), 420);
  EXPECT_DOUBLE_EQ(e.real_time_ns, 9000);
  EXPECT_FALSE(gb::paired_ratio(e));
}
