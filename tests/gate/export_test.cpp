// tvp-export: the file it writes parses with a strict parser, and what each tracker extracts from
// it (name, value, unit) is the source report's median per benchmark, under the same name.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tracker_export.hpp"
#include "tracker_mimics.hpp"
#include "tvp/gbjson.hpp"
#include "file_text.hpp"

namespace gb = tvp::gbjson;
namespace te = tvp::tracker_export;
using tvp::test::bencher_cpp_google;
using tvp::test::googlecpp_points;

namespace {

const std::string kExportFixtures = TVP_EXPORT_FIXTURES;
const std::string kNonFinite = kExportFixtures + "/non_finite_cv.json";
const std::string kPaired = std::string(TVP_REPORT_FIXTURES) + "/paired.json";
const std::string kReps3 = std::string(TVP_GBJSON_FIXTURES) + "/real_reps3.json";

std::string export_text(const std::string& path) {
  return te::make_export(gb::load_report(path)).document.dump(2);
}

// The source's own `_median` rows (time, not percentage), by run_name, in ns: what the export
// must carry for every benchmark that has them.
std::map<std::string, double> source_medians(const gb::Report& r) {
  std::map<std::string, double> out;
  for (const gb::Entry& e : r.benchmarks) {
    if (e.aggregate_name == "median" && !e.holds_ratio()) out[e.run_name] = e.real_time_ns;
  }
  return out;
}

// Medians of non_finite_cv.json worked out by hand (see tests/fixtures/export/README.md).
const std::map<std::string, double> kFixtureMedians = {
    {"latency/pipe/process/cross_core/8/manual_time", 1100.0},
    {"latency/pipe/thread/cross_core/8/manual_time", 800.0},
    {"spawn/fork/process/unpinned/0", 45500.0},
    {"latency/shm_ring/process/cross_core/8/manual_time", 225.0},
};

}  // namespace

// The fixture must carry the problem, or the tests below prove nothing.
TEST(TrackerExport, FixtureIsRejectedByStrictParsers) {
  const std::string source = tvp::testing::file_text(kNonFinite);
  ASSERT_NE(source.find("NaN"), std::string::npos);
  ASSERT_NE(source.find("Infinity"), std::string::npos);
  EXPECT_FALSE(nlohmann::json::accept(source));  // nlohmann is strict about NaN/Infinity
  EXPECT_THROW((void)googlecpp_points(source), nlohmann::json::parse_error);
  EXPECT_FALSE(bencher_cpp_google(source).has_value());
}

TEST(TrackerExport, ParsesWithStrictParser) {
  const std::string text = export_text(kNonFinite);
  nlohmann::json doc;
  ASSERT_NO_THROW(doc = nlohmann::json::parse(text)) << text;
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
  // Bencher's parser needs context.caches, which this fixture lacks.
  ASSERT_TRUE(doc["context"]["caches"].is_array());
  EXPECT_EQ(doc["context"]["host_name"], "export-fixture");
}

TEST(TrackerExport, GithubActionBenchmarkSeesOneMedianPerBenchmark) {
  const std::vector<tvp::test::TrackerPoint> points = googlecpp_points(export_text(kNonFinite));
  ASSERT_EQ(points.size(), kFixtureMedians.size());
  // File order of the source report.
  const std::vector<std::string> order = {"latency/pipe/process/cross_core/8/manual_time",
                                          "latency/pipe/thread/cross_core/8/manual_time",
                                          "spawn/fork/process/unpinned/0",
                                          "latency/shm_ring/process/cross_core/8/manual_time"};
  for (std::size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(points[i].name, order[i]);
    EXPECT_DOUBLE_EQ(points[i].value, kFixtureMedians.at(order[i])) << order[i];
    EXPECT_EQ(points[i].unit, "ns/iter") << order[i];
  }
}

TEST(TrackerExport, BencherSeesOneMedianPerBenchmark) {
  const auto metrics = bencher_cpp_google(export_text(kNonFinite));
  ASSERT_TRUE(metrics.has_value());
  ASSERT_EQ(metrics->size(), kFixtureMedians.size());
  for (const auto& [name, ns] : kFixtureMedians) {
    ASSERT_EQ(metrics->count(name), 1U) << name;
    EXPECT_DOUBLE_EQ(metrics->at(name), ns) << name;
  }
}

TEST(TrackerExport, LeavesOutFailedSuspectAndRatios) {
  const te::Export ex = te::make_export(gb::load_report(kNonFinite));
  ASSERT_EQ(ex.left_out.size(), 2U);
  EXPECT_EQ(ex.left_out[0].rfind("latency/unix_dgram/process/cross_core/1048576/manual_time: "
                                 "failed (send: Message too long)",
                                 0),
            0U);
  EXPECT_EQ(
      ex.left_out[1].rfind("latency/unix_stream/process/cross_core/8/manual_time: suspect", 0), 0U);
  EXPECT_EQ(ex.document["context"]["tvp_export_left_out"].size(), 2U);
  const std::string text = ex.document.dump();
  EXPECT_EQ(text.find("ratio_to"), std::string::npos);
  EXPECT_EQ(text.find("1.38"), std::string::npos);  // the ratio's value is nowhere either
}

// A report written by Google Benchmark 1.7.1's own JSONReporter in tvp-bench's paired layout:
// every `_median` row comes out under its run_name with its value, once.
TEST(TrackerExport, PairedReportCarriesEveryMedianUnderItsRunName) {
  const gb::Report report = gb::load_report(kPaired);
  const std::map<std::string, double> medians = source_medians(report);
  ASSERT_GT(medians.size(), 30U);
  const std::string text = te::make_export(report).document.dump();
  const std::vector<tvp::test::TrackerPoint> points = googlecpp_points(text);
  const auto bencher = bencher_cpp_google(text);
  ASSERT_TRUE(bencher.has_value());

  std::set<std::string> names;
  for (const tvp::test::TrackerPoint& p : points) {
    EXPECT_TRUE(names.insert(p.name).second) << "repeated name " << p.name;
    ASSERT_EQ(medians.count(p.name), 1U) << p.name << " is not a run_name with a median";
    EXPECT_DOUBLE_EQ(p.value, medians.at(p.name)) << p.name;
    EXPECT_DOUBLE_EQ(bencher->at(p.name), medians.at(p.name)) << p.name;
    EXPECT_TRUE(gb::parse_benchmark_name(p.name).has_value()) << p.name;
  }
  // All but the one suspect cell (tests/fixtures/report/README.md).
  EXPECT_EQ(points.size(), medians.size() - 1);
  EXPECT_EQ(names.count("latency/unix_dgram/process/cross_core/8/manual_time"), 0U);
}

// Real Google Benchmark output with `us` times and a SkipWithError benchmark.
TEST(TrackerExport, RealReportConvertsUnitsAndDropsFailures) {
  const gb::Report report = gb::load_report(kReps3);
  const auto metrics = bencher_cpp_google(te::make_export(report).document.dump());
  ASSERT_TRUE(metrics.has_value());
  std::set<std::string> failed;
  for (const gb::Entry& e : report.benchmarks) {
    if (e.error_occurred) failed.insert(e.run_name);
  }
  ASSERT_FALSE(failed.empty());
  for (const std::string& name : failed) EXPECT_EQ(metrics->count(name), 0U) << name;
  for (const auto& [name, ns] : source_medians(report)) {
    if (failed.count(name) != 0) continue;
    ASSERT_EQ(metrics->count(name), 1U) << name;
    EXPECT_DOUBLE_EQ(metrics->at(name), ns) << name;
  }
}

// The binary end to end: -o writes the same strict document the library builds.
TEST(TrackerExport, CommandWritesStrictFile) {
  const std::filesystem::path out = std::filesystem::temp_directory_path() /
                                    ("tvp-export-test-" + std::to_string(::getpid()) + ".json");
  const std::string command = std::string("'") + TVP_EXPORT_EXE + "' '" + kNonFinite + "' -o '" +
                              out.string() + "' 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const std::string text = tvp::testing::file_text(out.string());
  std::filesystem::remove(out);
  EXPECT_FALSE(std::filesystem::exists(out.string() + ".tmp"));
  const nlohmann::json written = nlohmann::json::parse(text);  // throws (fails) on NaN
  EXPECT_EQ(written, nlohmann::json::parse(export_text(kNonFinite)));
}

// --metric p50_ns: the gate's metric on shared machines, under the same names, from the `_median`
// rows' p50_ns; benchmarks without it (throughput) are left out, not exported as 0.
TEST(TrackerExport, CounterMetricCarriesMedianOfCounter) {
  const gb::Report report = gb::load_report(kPaired);
  std::map<std::string, double> p50;
  for (const gb::Entry& e : report.benchmarks) {
    const auto it = e.counters.find("p50_ns");
    if (e.aggregate_name == "median" && it != e.counters.end()) p50[e.run_name] = it->second;
  }
  ASSERT_GT(p50.size(), 20U);
  const te::Export ex = te::make_export(report, "p50_ns");
  const auto metrics = bencher_cpp_google(ex.document.dump());
  ASSERT_TRUE(metrics.has_value());
  EXPECT_EQ(metrics->size(), p50.size() - 1);  // the suspect cell
  for (const auto& [name, ns] : *metrics) {
    ASSERT_EQ(p50.count(name), 1U) << name;
    EXPECT_DOUBLE_EQ(ns, p50.at(name)) << name;
    EXPECT_NE(ns, source_medians(report).at(name)) << name << ": real_time, not p50_ns";
  }
  bool throughput_left_out = false;
  for (const std::string& why : ex.left_out) {
    throughput_left_out = throughput_left_out ||
                          (why.rfind("throughput/", 0) == 0 && why.ends_with(": no finite p50_ns"));
  }
  EXPECT_TRUE(throughput_left_out);
}
