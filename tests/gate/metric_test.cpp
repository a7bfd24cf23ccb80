// Which way is better, per metric: the rule tvp-compare documents in --help and metric.hpp.
#include "metric.hpp"

#include <gtest/gtest.h>

namespace tvp::compare {
namespace {

TEST(Metric, TimesAndCostsAreLowerIsBetter) {
  for (const char* name : {"real_time", "cpu_time"}) {
    const Metric m = make_metric(name);
    EXPECT_TRUE(m.is_time) << name;
    EXPECT_FALSE(m.higher_is_better) << name;
  }
  for (const char* name :
       {"p50_ns", "p999_ns", "max_ns", "cpu_ns_per_msg", "vcsw_per_msg", "ivcsw_per_msg"}) {
    const Metric m = make_metric(name);
    EXPECT_FALSE(m.is_time) << name;
    EXPECT_FALSE(m.higher_is_better) << name;
  }
}

TEST(Metric, NanosecondCountersAreShownAsDurations) {
  EXPECT_TRUE(make_metric("real_time").nanoseconds);
  EXPECT_TRUE(make_metric("p99_ns").nanoseconds);
  EXPECT_FALSE(make_metric("cpu_ns_per_msg").nanoseconds);
  EXPECT_FALSE(make_metric("msgs_per_s").nanoseconds);
}

TEST(Metric, RatesAreHigherIsBetter) {
  for (const char* name : {"msgs_per_s", "bytes_per_second", "items_per_second"}) {
    EXPECT_TRUE(make_metric(name).higher_is_better) << name;
  }
  EXPECT_FALSE(make_metric("per_s_count").higher_is_better);
}

}  // namespace
}  // namespace tvp::compare
