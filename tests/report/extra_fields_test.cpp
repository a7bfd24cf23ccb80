// Names with an extra key:value field after <bytes> (openloop rate_pct, scaling pairs, structured
// codec, sync waiters): the field is part of each line's identity, so rows that differ only in it
// never collapse onto one line, and the dedicated views plot against it. Plus the bare-loop
// harness-overhead table.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "fixture_paths.hpp"
#include "model/dataset.hpp"
#include "model/measurement_groups.hpp"
#include "sections/sections.hpp"
#include "svg_facts.hpp"
#include "writers/report_files.hpp"
#include "file_text.hpp"

namespace tvp::report {
namespace {

namespace fs = std::filesystem;
using test::read_svg;
using test::report_fixture;

Dataset extra_fields() { return load_dataset({report_fixture("extra_fields.json")}, {}); }

TEST(NameFields, KeepsTheSuitesFieldsAndDropsGoogleBenchmarksOwnOptions) {
  const std::vector<std::pair<std::string, std::string>> want{{"rate_pct", "50"},
                                                              {"codec", "msgpack"}};
  EXPECT_EQ(
      name_fields({"rate_pct:50", "iterations:100", "repeats:3", "min_time:0.5",
                   "min_warmup_time:1", "threads:2", "codec:msgpack", "manual_time", "real_time"}),
      want);
  EXPECT_TRUE(name_fields({"manual_time"}).empty());
}

TEST(ExtraFields, LinesBySizeSplitOnTheFieldAndSayItInTheLabel) {
  const Dataset data = extra_fields();
  const std::vector<Line> lines = lines_of(data, data.family("openloop"));
  ASSERT_EQ(lines.size(), 8u);  // 2 models × 4 rates, not 2
  std::vector<std::string> labels;
  for (const Line& l : lines) labels.push_back(line_label(data, l));
  EXPECT_EQ(labels.front(), "pipe · thread · rate_pct:10");
  EXPECT_EQ(labels[3], "pipe · thread · rate_pct:100");  // by number, not "100" < "50"
  EXPECT_EQ(labels.back(), "pipe · process · rate_pct:100");
  const std::vector<Line> sync = lines_of(data, data.family("sync"));
  ASSERT_EQ(sync.size(), 2u);
  EXPECT_EQ(line_label(data, sync[1]), "mutex_contended · thread · waiters:4");
}

TEST(ExtraFields, LinesAgainstTheFieldRunAlongItInNumericOrder) {
  const Dataset data = extra_fields();
  const std::vector<Line> lines = lines_against(data, data.family("openloop"), "rate_pct");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(line_label(data, lines[0]), "pipe · thread");
  std::vector<double> xs;
  for (const Measurement* m : lines[0].points) xs.push_back(lines[0].x(*m));
  EXPECT_EQ(xs, (std::vector<double>{10, 50, 90, 100}));
  EXPECT_EQ(field_values(data, data.family("structured"), "codec"),
            (std::vector<std::string>{"binary", "msgpack", "none"}));  // line order: pipe first
}

class ExtraFieldsReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("tvp-report-extra-" + std::to_string(::getpid())));
    const Dataset data = extra_fields();
    write_report_files(*dir_, data, build_sections(data, {}), "2026-01-01 00:00:00 UTC");
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static test::SvgFacts svg(const std::string& id) {
    return read_svg(tvp::testing::file_text(*dir_ / (id + ".svg")));
  }
  static fs::path* dir_;
};
fs::path* ExtraFieldsReport::dir_ = nullptr;

TEST_F(ExtraFieldsReport, WritesTheDedicatedViews) {
  std::set<std::string> ids;
  for (const auto& e : fs::directory_iterator(*dir_)) {
    if (e.path().extension() == ".svg") ids.insert(e.path().stem().string());
  }
  const std::set<std::string> want{"latency-cross_core",
                                   "percentiles-cross_core-64",
                                   "openloop-cross_core-64-p50",
                                   "openloop-cross_core-64-p99",
                                   "openloop-cross_core-64-p99.9",
                                   "scaling-unpinned-64-msgs_s",
                                   "scaling-unpinned-64-p99",
                                   "structured-cross_core-200-p50",
                                   "ownership-cross_core-64-p50",
                                   "bare-cross_core",
                                   "sync-cross_core"};
  EXPECT_EQ(ids, want);
}

TEST_F(ExtraFieldsReport, OpenloopPlotsEachPercentileAgainstRate) {
  const test::SvgFacts g = svg("openloop-cross_core-64-p99.9");
  ASSERT_TRUE(g.well_formed) << g.error;
  ASSERT_EQ(g.series.size(), 2u);
  for (const auto& s : g.series) {
    EXPECT_EQ(s.declared_points, 4) << s.name;
    EXPECT_EQ(s.polyline_vertices, 4) << s.name;
    EXPECT_EQ(s.markers, 4) << s.name;
  }
}

TEST_F(ExtraFieldsReport, ScalingPlotsAgainstPairsThreadAndProcess) {
  const test::SvgFacts f = svg("scaling-unpinned-64-msgs_s");
  ASSERT_TRUE(f.well_formed) << f.error;
  std::set<std::string> names;
  for (const auto& s : f.series) {
    names.insert(s.name);
    EXPECT_EQ(s.declared_points, 2) << s.name;
  }
  EXPECT_EQ(names, (std::set<std::string>{"pipe · thread", "pipe · process"}));
}

TEST_F(ExtraFieldsReport, StructuredHasOneBarPerCodec) {
  const test::SvgFacts f = svg("structured-cross_core-200-p50");
  ASSERT_TRUE(f.well_formed) << f.error;
  std::set<std::string> names;
  for (const auto& s : f.series) {
    names.insert(s.name);
    EXPECT_EQ(s.markers, 1) << s.name;  // none: sharedptr only; binary, msgpack: pipe only
  }
  EXPECT_EQ(names, (std::set<std::string>{"codec:none", "codec:binary", "codec:msgpack"}));
}

TEST_F(ExtraFieldsReport, GenericViewKeepsLinesThatDifferOnlyInTheField) {
  const test::SvgFacts f = svg("sync-cross_core");
  ASSERT_TRUE(f.well_formed) << f.error;
  ASSERT_EQ(f.series.size(), 1u);
  EXPECT_EQ(f.series[0].markers, 2);  // waiters:2 and waiters:4, not one bar
  const std::string md = tvp::testing::file_text(*dir_ / "summary.md");
  EXPECT_NE(md.find("| mutex_contended | thread | waiters:2 | 200 ns |"), std::string::npos);
  EXPECT_NE(md.find("| mutex_contended | thread | waiters:4 | 400 ns |"), std::string::npos);
}

TEST_F(ExtraFieldsReport, HarnessOverheadIsLatencyOverBareInMarkdownAndHtml) {
  const std::string md = tvp::testing::file_text(*dir_ / "summary.md");
  EXPECT_NE(md.find("| pipe | process | cross_core | 64 B | 10 µs | 15 µs | 1.5× |"),
            std::string::npos);
  EXPECT_NE(md.find("no ratio for: bare/unix_stream/thread/cross_core/64/manual_time"),
            std::string::npos);
  // 1.5x and 0.6x: noise in single cells; their geometric mean is what the harness costs.
  EXPECT_NE(md.find("| unix_dgram | process | cross_core | 64 B | 8 µs | 4.8 µs | 0.6× |"),
            std::string::npos);
  EXPECT_NE(md.find("Geometric mean of the 2 ratios: 0.949×."), std::string::npos);
  const std::string html = tvp::testing::file_text(*dir_ / "index.html");
  EXPECT_NE(html.find("Harness overhead"), std::string::npos);
  EXPECT_NE(html.find("1.5×"), std::string::npos);
}

}  // namespace
}  // namespace tvp::report
