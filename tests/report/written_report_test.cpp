// The files the tool writes, read back as a reader's software would: every SVG through a real XML
// parser, the Markdown's image links against the folder, the HTML for outside references.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "model/dataset.hpp"
#include "fixture_paths.hpp"
#include "charts/line_chart.hpp"
#include "writers/report_files.hpp"
#include "sections/sections.hpp"
#include "svg_facts.hpp"
#include "file_text.hpp"

namespace tvp::report {
namespace {

namespace fs = std::filesystem;
using test::read_svg;
using test::report_fixture;
using test::SvgFacts;

std::set<std::string> names_of(const SvgFacts& f) {
  std::set<std::string> out;
  for (const auto& s : f.series) out.insert(s.name);
  return out;
}

// One comparison report (machine-a vs machine-b-repeated) written once for the whole suite.
class WrittenReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new fs::path(fs::temp_directory_path() / ("tvp-report-test-" + std::to_string(::getpid())));
    const Dataset data = load_dataset(
        {report_fixture("machine-a.json"), report_fixture("machine-b-repeated.json")}, {});
    written_ =
        write_report_files(*dir_, data, build_sections(data, {}), "2026-01-01 00:00:00 UTC").charts;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static SvgFacts svg(const std::string& id) { return read_svg(tvp::testing::file_text(*dir_ / (id + ".svg"))); }
  static std::set<std::string> svg_ids() {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(*dir_)) {
      if (e.path().extension() == ".svg") out.insert(e.path().stem().string());
    }
    return out;
  }

  static fs::path* dir_;
  static std::size_t written_;
};
fs::path* WrittenReport::dir_ = nullptr;
std::size_t WrittenReport::written_ = 0;

TEST_F(WrittenReport, EverySvgIsWellFormedAndDrawsTheSeriesItDeclares) {
  const std::set<std::string> ids = svg_ids();
  EXPECT_EQ(ids.size(), written_);
  const std::set<std::string> expected{"latency-cross_core",    "percentiles-cross_core-4096",
                                       "latency-same_core",     "percentiles-same_core-4096",
                                       "ratio-cross_core",      "ratio-same_core",
                                       "throughput-cross_core", "spawn",
                                       "spawn-memory",          "sync-cross_core",
                                       "openloop-cross_core"};
  EXPECT_EQ(ids, expected);
  for (const std::string& id : ids) {
    SCOPED_TRACE(id);
    const SvgFacts f = svg(id);
    ASSERT_TRUE(f.well_formed) << f.error;
    EXPECT_EQ(f.root, "svg");
    EXPECT_EQ(f.root_attrs.at("xmlns"), "http://www.w3.org/2000/svg");
    EXPECT_EQ(f.root_attrs.at("data-chart"), id);
    ASSERT_FALSE(f.series.empty());
    EXPECT_EQ(f.root_attrs.at("data-series-count"), std::to_string(f.series.size()));
    EXPECT_TRUE(f.bad_numbers.empty()) << f.bad_numbers.front();
    for (const auto& s : f.series) {
      SCOPED_TRACE(s.name);
      EXPECT_FALSE(s.name.empty());
      EXPECT_GT(s.declared_points, 0);
      EXPECT_EQ(s.markers, s.declared_points);
      if (s.polyline_vertices >= 0) {
        EXPECT_EQ(s.polyline_vertices, s.declared_points);
      }
    }
  }
}

TEST_F(WrittenReport, LatencyHasOneLinePerTransportModelAndReport) {
  const std::set<std::string> expected{"sharedptr_mutex · thread [machine-a]",
                                       "sharedptr_mutex · thread [machine-b-repeated]",
                                       "pipe · thread [machine-a]",
                                       "pipe · thread [machine-b-repeated]",
                                       "pipe · process [machine-a]",
                                       "pipe · process [machine-b-repeated]",
                                       "unix_stream · thread [machine-a]",
                                       "unix_stream · process [machine-a]",
                                       "shm_ring · thread [machine-a]",
                                       "shm_ring · thread [machine-b-repeated]",
                                       "shm_ring · process [machine-a]",
                                       "shm_ring · process [machine-b-repeated]"};
  EXPECT_EQ(names_of(svg("latency-cross_core")), expected);
  for (const auto& s : svg("latency-cross_core").series) {
    // machine-a ran 4 sizes, machine-b 3; the errored unix_dgram run is nowhere.
    EXPECT_EQ(s.declared_points, s.name.find("machine-a") != std::string::npos ? 4 : 3) << s.name;
  }
}

TEST_F(WrittenReport, FloorIsDrawnWhereItApplies) {
  const std::vector<std::string> rules{
      "floor: cacheline round trip, cross_core (140 ns) [machine-a]",
      "floor: cacheline round trip, cross_core (175 ns) [machine-b-repeated]"};
  EXPECT_EQ(svg("latency-cross_core").references, rules);
  EXPECT_EQ(svg("percentiles-cross_core-4096").references, rules);
  bool memcpy_reference = false;
  for (const auto& s : svg("throughput-cross_core").series) {
    if (s.name == "floor: memcpy, unpinned [machine-a]") memcpy_reference = s.reference;
  }
  EXPECT_TRUE(memcpy_reference);
}

TEST_F(WrittenReport, ProcessThreadRatioOnlyForTransportsWithBothModels) {
  const std::set<std::string> expected{"pipe [machine-a]", "pipe [machine-b-repeated]",
                                       "unix_stream [machine-a]", "shm_ring [machine-a]",
                                       "shm_ring [machine-b-repeated]"};
  EXPECT_EQ(names_of(svg("ratio-cross_core")), expected);
  EXPECT_EQ(svg("ratio-cross_core").references, std::vector<std::string>{"1× (same as thread)"});
}

TEST_F(WrittenReport, PercentilesAtTheChosenSize) {
  const SvgFacts f = svg("percentiles-cross_core-4096");
  EXPECT_EQ(names_of(f), (std::set<std::string>{"p50", "p99", "p99.9"}));
  for (const auto& s : f.series) EXPECT_EQ(s.declared_points, 12) << s.name;  // 7 + 5 lines
}

TEST_F(WrittenReport, SpawnCostAgainstMemoryHasForkOnly) {
  EXPECT_EQ(
      names_of(svg("spawn-memory")),
      (std::set<std::string>{"fork · process [machine-a]", "fork · process [machine-b-repeated]"}));
  EXPECT_EQ(names_of(svg("spawn")), (std::set<std::string>{"machine-a", "machine-b-repeated"}));
}

TEST_F(WrittenReport, UnknownFamilyGetsTheGenericChart) {
  EXPECT_EQ(names_of(svg("openloop-cross_core")),
            std::set<std::string>{"pipe · process [machine-a]"});
}

TEST_F(WrittenReport, ErroredBenchmarkIsListedNeverPlotted) {
  for (const std::string& id : svg_ids()) {
    EXPECT_EQ(tvp::testing::file_text(*dir_ / (id + ".svg")).find("unix_dgram"), std::string::npos) << id;
  }
  const std::string md = tvp::testing::file_text(*dir_ / "summary.md");
  EXPECT_NE(md.find("| machine-a | latency/unix_dgram/process/cross_core/1048576/manual_time | "
                    "send: Message too long"),
            std::string::npos);
}

TEST_F(WrittenReport, SummaryLinksEveryChartBesideIt) {
  const std::string md = tvp::testing::file_text(*dir_ / "summary.md");
  std::set<std::string> linked;
  const std::regex image(R"(!\[[^\]]*\]\(([^)]+)\.svg\))");
  for (auto it = std::sregex_iterator(md.begin(), md.end(), image); it != std::sregex_iterator();
       ++it) {
    linked.insert((*it)[1].str());
  }
  EXPECT_EQ(linked, svg_ids());
  EXPECT_NE(md.find("**machine-a → machine-b-repeated**"), std::string::npos);
  EXPECT_NE(md.find("| --- | --- | --- | ---: |"), std::string::npos);  // numbers right-aligned
}

TEST_F(WrittenReport, IndexHtmlIsSelfContained) {
  std::string html = tvp::testing::file_text(*dir_ / "index.html");
  for (const std::string& id : svg_ids()) {
    EXPECT_NE(html.find("data-chart=\"" + id + "\""), std::string::npos) << id << " not inlined";
  }
  for (const char* context : {"git_revision", "a1f03d7", "b2c4e19", "cpu_model", "kernel",
                              "virtualization", "compiler", "machine-b", "Generated 2026-01-01"}) {
    EXPECT_NE(html.find(context), std::string::npos) << context;
  }
  // Nothing to fetch: no src=, no stylesheet link, no URL but the SVG namespace name.
  const std::string ns = "http://www.w3.org/2000/svg";
  for (std::size_t at; (at = html.find(ns)) != std::string::npos;) html.erase(at, ns.size());
  for (const char* outside : {"src=", "<link", "http://", "https://", "@import"}) {
    EXPECT_EQ(html.find(outside), std::string::npos) << outside;
  }
}

TEST(SvgChecker, CatchesBrokenXmlAndNonFiniteGeometry) {
  EXPECT_FALSE(read_svg("<svg><g class=\"series\"></svg>").well_formed);
  const SvgFacts nan = read_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><line x1=\"NaN\"/>"
      "<polyline points=\"1,2 3,inf\"/></svg>");
  EXPECT_TRUE(nan.well_formed);
  EXPECT_EQ(nan.bad_numbers.size(), 2u);
}

TEST(Renderers, RefuseAChartWithNothingToDraw) {
  LineChart empty;
  empty.text.id = "empty";
  EXPECT_THROW(render(empty), std::logic_error);
  LineChart nan = empty;
  nan.series.push_back(Series{"s", "#000", "", Marker::circle, false, {{64, std::nan("")}}});
  EXPECT_THROW(render(nan), std::logic_error);
}

}  // namespace
}  // namespace tvp::report
