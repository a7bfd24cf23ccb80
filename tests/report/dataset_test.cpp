// Reading reports into the data set: which figure represents a benchmark, labels, and the inputs
// the tool must refuse with one line naming the file.
#include "model/dataset.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "fixture_paths.hpp"
#include "measurement_lookup.hpp"
#include "model/measurement_groups.hpp"

namespace tvp::report {
namespace {

using test::gbjson_fixture;
using test::report_fixture;

std::string error_of(const std::vector<std::string>& paths,
                     const std::vector<std::string>& labels = {}) {
  try {
    load_dataset(paths, labels);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Dataset, SingleRunsAreTakenAsTheyAre) {
  const Dataset d = load_dataset({report_fixture("machine-a.json")}, {});
  ASSERT_EQ(d.runs.size(), 1u);
  EXPECT_EQ(d.runs[0].label, "machine-a");
  const Measurement* m =
      test::find_measurement(d, "latency/pipe/process/cross_core/4096/manual_time");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->statistic, "single run");
  EXPECT_EQ(m->name.transport, "pipe");
  EXPECT_EQ(m->name.bytes, 4096u);
  EXPECT_GT(m->counter("p99_ns"), m->counter("p50_ns"));
  EXPECT_TRUE(std::isnan(m->counter("no_such_counter")));
}

TEST(Dataset, MicrosecondReportsAreNormalisedToNanoseconds) {
  const Dataset d = load_dataset({report_fixture("machine-a.json")}, {});
  // The writer's model: 150 us + 0.015 ns per byte of parent memory, reported in "us".
  const Measurement* m =
      test::find_measurement(d, "spawn/fork/process/unpinned/1048576/manual_time");
  ASSERT_NE(m, nullptr);
  EXPECT_NEAR(m->real_time_ns, 150000.0 + 1048576 * 0.015, 1.0);
}

TEST(Dataset, RepetitionsUseTheMedianAggregate) {
  const std::string path = report_fixture("machine-b-repeated.json");
  const Dataset d = load_dataset({path}, {});
  const gbjson::Report raw = gbjson::load_report(path);
  std::size_t checked = 0;
  for (const gbjson::Entry& e : raw.benchmarks) {
    if (e.aggregate_name != "median") continue;
    const Measurement* m = test::find_measurement(d, e.run_name);
    ASSERT_NE(m, nullptr) << e.run_name;
    EXPECT_DOUBLE_EQ(m->real_time_ns, e.real_time_ns) << e.run_name;
    EXPECT_EQ(m->statistic, "median of 3");
    ++checked;
  }
  EXPECT_EQ(checked, d.measurements.size());
}

TEST(Dataset, RepetitionsWithoutAggregatesGetAComputedMedian) {
  const Dataset d = load_dataset({report_fixture("repetitions_without_aggregates.json")}, {});
  ASSERT_EQ(d.measurements.size(), 1u);
  const Measurement& m = d.measurements[0];
  EXPECT_DOUBLE_EQ(m.real_time_ns,
                   13000.0);  // median of 13, 11, 50 us: the outlier does not move it
  EXPECT_DOUBLE_EQ(m.counter("p99_ns"), 30000.0);
  EXPECT_NE(m.statistic.find("computed"), std::string::npos);
}

TEST(Dataset, ErroredBenchmarksAreFailuresNotMeasurements) {
  const Dataset d = load_dataset({report_fixture("machine-a.json")}, {});
  ASSERT_EQ(d.failures.size(), 1u);
  EXPECT_EQ(d.failures[0].run_name, "latency/unix_dgram/process/cross_core/1048576/manual_time");
  EXPECT_NE(d.failures[0].message.find("Message too long"), std::string::npos);
  EXPECT_EQ(test::find_measurement(d, d.failures[0].run_name), nullptr);
}

TEST(Dataset, FamiliesInOrderOfAppearance) {
  const Dataset d = load_dataset({report_fixture("machine-a.json")}, {});
  const std::vector<std::string> expected{"latency", "throughput", "spawn",
                                          "sync",    "floor",      "openloop"};
  EXPECT_EQ(d.families(), expected);
}

TEST(Dataset, LabelsDefaultToFileStemsAndCanBeGiven) {
  const std::vector<std::string> paths{report_fixture("machine-a.json"),
                                       report_fixture("machine-b-repeated.json")};
  EXPECT_EQ(load_dataset(paths, {}).runs[1].label, "machine-b-repeated");
  const Dataset named = load_dataset(paths, {"before", "after"});
  EXPECT_EQ(named.runs[0].label, "before");
  EXPECT_EQ(named.runs[1].label, "after");
  EXPECT_TRUE(named.several_runs());
}

TEST(DatasetErrors, DuplicateLabelIsRefused) {
  const std::string a = report_fixture("machine-a.json");
  EXPECT_NE(error_of({a, a}).find("label \"machine-a\" is already used"), std::string::npos);
}

TEST(DatasetErrors, EveryBenchmarkFailedIsRefused) {
  const std::string msg = error_of({report_fixture("all_failed.json")});
  EXPECT_NE(msg.find("all_failed.json: every benchmark failed"), std::string::npos) << msg;
}

TEST(DatasetErrors, NonFiniteTimeIsNotAMeasurement) {
  const std::string msg = error_of({gbjson_fixture("non_finite.json")});
  EXPECT_NE(msg.find("non_finite.json: every benchmark failed, is suspect or has no usable time"),
            std::string::npos)
      << msg;
}

TEST(DatasetErrors, OnlyAMeanAggregateIsRefused) {
  const std::string msg = error_of({report_fixture("mean_only.json")});
  EXPECT_NE(msg.find("mean_only.json: benchmark \"latency/pipe/process/cross_core/64/manual_time\" "
                     "has neither a run nor a median"),
            std::string::npos)
      << msg;
}

TEST(DatasetErrors, ReaderErrorsKeepTheirOneLineMessage) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"off_scheme_name.json", "does not fit <family>/<transport>/<model>/<placement>/<bytes>"},
      {"missing_real_time.json", "real_time"},
      {"malformed_missing_brace.json", "malformed JSON at byte"},
      {"not_report_no_benchmarks.json", "not a Google Benchmark report (no \"benchmarks\" array)"},
      {"empty_benchmarks.json", "empty benchmark list"},
      {"does_not_exist.json", "does_not_exist.json: no such file"},
  };
  for (const auto& [file, expected] : cases) {
    const std::string msg = error_of({gbjson_fixture(file)});
    EXPECT_NE(msg.find(expected), std::string::npos) << file << ": " << msg;
    EXPECT_NE(msg.find(file), std::string::npos) << "message must name the file: " << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << "one line: " << msg;
  }
}

TEST(ChooseSize, DefaultsTo4096OrTheNearestSize) {
  EXPECT_EQ(choose_size({64, 4096, 65536}, std::nullopt, "latency"), 4096u);
  EXPECT_EQ(choose_size({64, 2048, 65536}, std::nullopt, "latency"), 2048u);
  EXPECT_EQ(choose_size({0, 1048576}, std::nullopt, "latency"), 1048576u);
  EXPECT_EQ(choose_size({64, 4096}, 64, "latency"), 64u);
}

TEST(ChooseSize, RequestedSizeThatWasNotRunIsAnError) {
  try {
    choose_size({64, 4096}, 100, "latency");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "--size 100: no latency benchmark has that size (sizes present: 64, 4096)");
  }
}

TEST(KeySizes, SmallestChosenLargest) {
  EXPECT_EQ(key_sizes({64, 256, 4096, 65536}, 4096), (std::vector<std::uint64_t>{64, 4096, 65536}));
  EXPECT_EQ(key_sizes({64}, 64), (std::vector<std::uint64_t>{64}));
}

}  // namespace
}  // namespace tvp::report
