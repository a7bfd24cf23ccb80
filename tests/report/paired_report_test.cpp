// tvp-report on a report of paired rounds (tests/fixtures/report/paired.json): the answer table
// opens the summary and the page, every paired ratio reads "1.38× [1.31–1.45]" or "no measurable
// difference", the ratio charts carry whiskers, absent percentiles stay absent, and the suspect
// cell is in no chart, table or ratio but listed with its reason.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/dataset.hpp"
#include "fixture_paths.hpp"
#include "measurement_lookup.hpp"
#include "text/ratio_text.hpp"
#include "writers/report_files.hpp"
#include "sections/sections.hpp"
#include "model/suspect_cells.hpp"
#include "svg_facts.hpp"
#include "file_text.hpp"

namespace tvp::report {
namespace {

namespace fs = std::filesystem;
using test::read_svg;
using test::report_fixture;
using test::SvgFacts;

const std::string kPipe8 = "latency/pipe/process/cross_core/8/manual_time";
const std::string kDgramProcess = "latency/unix_dgram/process/cross_core/8/manual_time";

// The Markdown table row whose first cell is `first`, or "" when there is none.
std::string md_row(const std::string& md, const std::string& first) {
  const std::size_t at = md.find("\n| " + first + " |");
  if (at == std::string::npos) return "";
  return md.substr(at + 1, md.find('\n', at + 1) - at - 1);
}

// The text of the Markdown section titled `title` (up to the next "## "), or "".
std::string md_section(const std::string& md, const std::string& title) {
  const std::size_t at = md.find("\n## " + title + "\n");
  if (at == std::string::npos) return "";
  return md.substr(at, md.find("\n## ", at + 1) - at);
}

TEST(RatioText, EstimateAndIntervalShareTheirDecimals) {
  EXPECT_EQ(format_ratio_interval(1.38, 1.3118, 1.4518), "1.38× [1.31–1.45]");
  EXPECT_EQ(format_ratio_interval(12.4, 11.9, 13.0), "12.4× [11.9–13.0]");
  EXPECT_EQ(format_ratio_interval(0.0512, 0.0498, 0.0527), "0.0512× [0.0498–0.0527]");
  // Narrow intervals get the digits that keep their ends apart from the estimate and from 1.
  EXPECT_EQ(format_ratio_interval(1.004, 1.002, 1.006), "1.004× [1.002–1.006]");
  EXPECT_EQ(format_ratio_interval(1.02, 1.005, 1.035), "1.020× [1.005–1.035]");
}

TEST(RatioText, IntervalHoldingOneReadsNoMeasurableDifference) {
  gbjson::PairedRatio r;
  r.estimate = 0.995;
  r.ci_low = 0.971;
  r.ci_high = 1.02;
  r.target_met = true;
  EXPECT_EQ(ratio_cell(r), "no measurable difference, 0.995× [0.971–1.020]");
  r.estimate = 1.38;
  r.ci_low = 1.3118;
  r.ci_high = 1.4518;
  EXPECT_EQ(ratio_cell(r), "1.38× [1.31–1.45]");
  r.target_met = false;
  EXPECT_EQ(ratio_cell(r), "1.38× [1.31–1.45] †");
  r.ci_low = NAN;
  EXPECT_EQ(ratio_cell(r), "1.38× (no interval)");
  EXPECT_EQ(format_half_width(0.072), "±7.2%");
}

TEST(PairedDataset, RoundsAreReadFromTheirMeanAndRatiosKeepTheirIntervals) {
  const Dataset d = load_dataset({report_fixture("paired.json")}, {});
  ASSERT_EQ(d.runs.size(), 1u);
  EXPECT_TRUE(d.runs[0].paired);
  const Measurement* m = test::find_measurement(d, kPipe8);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->statistic, "mean of 12 rounds");
  EXPECT_GT(m->real_time_ns, 10000);  // the _mean row in ns, not a ratio row's 1.38
  const RatioEstimate* r = d.ratio(0, "ratio_to_thread", kPipe8);
  ASSERT_NE(r, nullptr);
  EXPECT_NEAR(r->ratio.estimate, 1.38, 1e-9);
  EXPECT_EQ(r->ratio.rounds, 12);
  EXPECT_EQ(d.ratios_of("ratio_to_thread", "latency").size(), 11u);  // 12 cells, 1 suspect
  EXPECT_EQ(d.ratios_of("ratio_to_memcpy", "throughput").size(), 6u);
}

TEST(PairedDataset, SuspectCellIsNoMeasurementAndNoRatio) {
  const Dataset d = load_dataset({report_fixture("paired.json")}, {});
  EXPECT_EQ(test::find_measurement(d, kDgramProcess), nullptr);
  EXPECT_NE(test::find_measurement(d, "latency/unix_dgram/thread/cross_core/8/manual_time"), nullptr);
  EXPECT_EQ(d.ratio(0, "ratio_to_thread", kDgramProcess), nullptr);
  EXPECT_EQ(d.ratio(0, "ratio_to_floor", kDgramProcess), nullptr);
  ASSERT_EQ(d.suspects.size(), 1u);
  EXPECT_EQ(d.suspects[0].run_name, kDgramProcess);
  EXPECT_EQ(d.suspects[0].reason,
            "faster than the run's floor: round trip 0.8× the floor/cacheline_pair round trip "
            "measured in the same rounds; flagged in 6 of 6 rounds");
}

// One round of a paired cell, as tvp-bench writes it.
gbjson::Entry round_row(double real_ns, std::map<std::string, double> counters) {
  gbjson::Entry e;
  e.run_type = gbjson::RunType::iteration;
  e.real_time_ns = real_ns;
  counters["tvp_round"] = 0;
  e.counters = std::move(counters);
  return e;
}

TEST(SuspectReason, QuotesTheFloorOfTheSameRounds) {
  // The ratios compare tvp_value_ns (the round's median round trip), so the reason does too: the
  // mean (real_time) would say 2× here, the compared value 0.5×.
  const gbjson::Entry a =
      round_row(800, {{"tvp_value_ns", 200}, {"floor_ns", 400}, {"suspect", 1}});
  const gbjson::Entry b =
      round_row(800, {{"tvp_value_ns", 200}, {"floor_ns", 400}, {"suspect", 1}});
  EXPECT_EQ(suspect_reason({&a, &b}),
            "faster than the run's floor: round trip 0.5× the floor/cacheline_pair round trip "
            "measured in the same rounds; flagged in 2 of 2 rounds");
  // Throughput rows carry memcpy's time as floor_ns too; bandwidth is what they compare.
  const gbjson::Entry t = round_row(100, {{"bytes_per_second", 3e9},
                                          {"floor_bytes_per_second", 2e9},
                                          {"floor_ns", 50},
                                          {"suspect", 1}});
  EXPECT_EQ(suspect_reason({&t}),
            "faster than the run's floor: 1.5× the memcpy bandwidth measured in the same rounds; "
            "flagged in 1 of 1 run");
  const gbjson::Entry clean = round_row(800, {{"floor_ns", 400}, {"suspect", 0}});
  EXPECT_EQ(suspect_reason({&clean}), std::nullopt);
}

TEST(PairedDataset, OldReportsAreNotPaired) {
  const Dataset d = load_dataset({report_fixture("machine-b-repeated.json")}, {});
  EXPECT_FALSE(d.runs[0].paired);
  EXPECT_TRUE(d.ratios.empty());
  EXPECT_TRUE(d.suspects.empty());
  EXPECT_TRUE(answer_section(d).empty());
}

// The paired fixture written once for the suite.
class PairedReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("tvp-paired-report-test-" + std::to_string(::getpid())));
    const Dataset data = load_dataset({report_fixture("paired.json")}, {});
    write_report_files(*dir_, data, build_sections(data, {}), "2026-01-01 00:00:00 UTC");
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string file(const std::string& name) { return tvp::testing::file_text(*dir_ / name); }
  static SvgFacts svg(const std::string& id) { return read_svg(file(id + ".svg")); }
  static fs::path* dir_;
};
fs::path* PairedReport::dir_ = nullptr;

TEST_F(PairedReport, SummaryOpensWithTheAnswerBeforeAnyChart) {
  const std::string md = file("summary.md");
  const std::size_t first_section = md.find("\n## ");
  ASSERT_NE(first_section, std::string::npos);
  EXPECT_EQ(md.compare(first_section, 33, "\n## The answer: process ÷ thread"), 0)
      << md.substr(first_section, 60);
  const std::size_t answer = md.find("**Process ÷ thread, round-trip latency**");
  const std::size_t throughput = md.find("**Process ÷ thread, throughput (time per message)**");
  const std::size_t first_chart = md.find("![");
  ASSERT_NE(answer, std::string::npos);
  ASSERT_NE(throughput, std::string::npos);
  EXPECT_LT(answer, first_chart);
  EXPECT_LT(throughput, first_chart);
  EXPECT_NE(md.find("| transport | cross_core 8 B | cross_core 4 KiB | cross_core 1 MiB | "
                    "same_core 8 B | same_core 4 KiB |"),
            std::string::npos);
}

TEST_F(PairedReport, AnswerCellsCarryTheirIntervals) {
  const std::string answer = md_section(file("summary.md"), "The answer: process ÷ thread");
  EXPECT_EQ(md_row(answer, "pipe"),
            "| pipe | 1.38× [1.31–1.45] | 1.31× [1.28–1.34] | 1.12× [1.09–1.15] | "
            "1.22× [1.20–1.24] | 1.18× [1.16–1.20] |");
  const std::string shm = md_row(answer, "shm_ring");
  EXPECT_EQ(shm.rfind("| shm_ring | no measurable difference, 0.995× [0.971–1.020] |", 0), 0u)
      << shm;
  EXPECT_NE(md_row(answer, "unix_stream").find("1.20× [1.12–1.29] †"), std::string::npos);
  EXPECT_EQ(md_row(answer, "unix_dgram").rfind("| unix_dgram | suspect, left out |", 0), 0u);
}

TEST_F(PairedReport, InconclusiveRatiosAreListedWithTheirHalfWidth) {
  const std::string md = file("summary.md");
  const std::string answer = md_section(md, "The answer: process ÷ thread");
  EXPECT_NE(answer.find("Target interval: ±6%."), std::string::npos);
  EXPECT_NE(answer.find("1 of the 31 paired ratios did not reach the run's target width (†)"),
            std::string::npos)
      << answer;
  const std::string listed = md_section(md, "Inconclusive ratios");
  EXPECT_NE(listed.find("| latency/unix_stream/process/cross_core/4096/manual_time | process ÷ "
                        "thread | 1.20× [1.12–1.29] | ±7.2% | 40 |"),
            std::string::npos)
      << listed;
  EXPECT_EQ(listed.find("1.38×"), std::string::npos);  // the pipe ratio met the ±6% target
}

TEST_F(PairedReport, IndexHtmlOpensWithTheAnswerTable) {
  const std::string html = file("index.html");
  const std::size_t answer = html.find("<section id=\"answer\">");
  ASSERT_NE(answer, std::string::npos);
  EXPECT_EQ(answer, html.find("<section"));  // the first section
  EXPECT_LT(html.find("<caption>Process ÷ thread, round-trip latency</caption>"),
            html.find("<figure"));
  EXPECT_NE(html.find("<th colspan=\"3\">cross_core</th><th colspan=\"2\">same_core</th>"),
            std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">1.38× [1.31–1.45]</td>"), std::string::npos);
}

TEST_F(PairedReport, EveryRatioTableShowsIntervals) {
  const std::string md = file("summary.md");
  // Process ÷ thread per placement, harness overhead, the paired floor, memcpy.
  EXPECT_EQ(md_row(md_section(md, "Process ÷ thread"), "pipe"),
            "| pipe | 1.38× [1.31–1.45] | 1.31× [1.28–1.34] | 1.12× [1.09–1.15] |");
  EXPECT_NE(
      md.find("| pipe | process | cross_core | 8 B | 11.1 µs | 12.4 µs | 1.12× [1.10–1.14] |"),
      std::string::npos);
  EXPECT_NE(md_row(md, "pipe | process | 12.4 µs").find("| 2.40× [2.36–2.44] |"),
            std::string::npos);
  EXPECT_NE(md.find("| pipe | process | 1.26 GB/s | 2.89 GB/s | 0.382× [0.374–0.389] |"),
            std::string::npos);
  // Unpaired floor ratios measured apart are not shown for a paired report.
  EXPECT_EQ(md.find("× floor @"), std::string::npos);
}

TEST_F(PairedReport, TablesOfTimesSayMean) {
  const std::string md = file("summary.md");
  EXPECT_NE(md.find("**Mean round trip, cross_core**"), std::string::npos);
  EXPECT_NE(md.find("per benchmark the mean of its rounds (paired cells) or repetitions"),
            std::string::npos);
  EXPECT_EQ(md.find("Median round trip"), std::string::npos);
  EXPECT_EQ(md.find("median time"), std::string::npos);
}

TEST_F(PairedReport, RatioChartsDrawWhiskersFromTheInterval) {
  const SvgFacts f = svg("ratio-cross_core");
  ASSERT_TRUE(f.well_formed) << f.error;
  EXPECT_TRUE(f.bad_numbers.empty()) << f.bad_numbers.front();
  bool pipe = false;
  for (const auto& s : f.series) {
    SCOPED_TRACE(s.name);
    EXPECT_EQ(static_cast<int>(s.whiskers.size()), s.declared_points);
    for (const auto& w : s.whiskers) EXPECT_GT(w.from_y, w.to_y + 1);  // low end drawn lower
    if (s.name == "pipe") {
      pipe = true;
      ASSERT_EQ(s.whiskers.size(), 3u);
      EXPECT_EQ(s.whiskers[0].interval, "1.31×–1.45×");
    }
  }
  EXPECT_TRUE(pipe);
  // Latency lines are means, not ratios: no whiskers there.
  for (const auto& s : svg("latency-cross_core").series) EXPECT_TRUE(s.whiskers.empty()) << s.name;
}

TEST_F(PairedReport, AbsentPercentilesAreNotDrawnNorReplaced) {
  const SvgFacts f = svg("percentiles-cross_core-4096");
  ASSERT_TRUE(f.well_formed) << f.error;
  std::map<std::string, int> bars;
  for (const auto& s : f.series) bars[s.name] = s.declared_points;
  EXPECT_EQ(bars["p50"], 6);
  EXPECT_EQ(bars["p99"], 2);           // only shm_ring has 1,000 samples per round at 4 KiB
  EXPECT_EQ(bars.count("p99.9"), 0u);  // nobody has 10,000
  const std::string md = file("summary.md");
  EXPECT_NE(md.find("No p99 at 4 KiB, cross_core (fewer than 1,000 samples per repetition), no "
                    "bar for: latency/pipe/thread/cross_core/4096/manual_time"),
            std::string::npos);
  // The table's p99 column says "not measured", not max_ns (220 µs for pipe thread at 4 KiB).
  EXPECT_EQ(md_row(md, "pipe | thread | 9 µs").find("220"), std::string::npos);
}

TEST_F(PairedReport, SuspectCellIsNowhereButInItsList) {
  for (const auto& e : fs::directory_iterator(*dir_)) {
    if (e.path().extension() != ".svg") continue;
    const std::string text = tvp::testing::file_text(e.path());
    EXPECT_EQ(text.find("unix_dgram · process"), std::string::npos) << e.path();
    EXPECT_EQ(text.find("unix_dgram/process"), std::string::npos) << e.path();
  }
  const std::string md = file("summary.md");
  const std::string suspect = md_section(md, "Suspect results");
  EXPECT_NE(suspect.find("| " + kDgramProcess +
                         " | faster than the run's floor: round trip "
                         "0.8× the floor/cacheline_pair round trip measured in the same rounds"),
            std::string::npos)
      << suspect;
  // Elsewhere the cell appears only as "suspect, left out" in the answer table.
  std::string rest = md;
  rest.erase(rest.find(suspect), suspect.size());
  EXPECT_EQ(rest.find("unix_dgram/process"), std::string::npos);
  EXPECT_EQ(md_row(rest, "unix_dgram | process"), "");
}

}  // namespace
}  // namespace tvp::report
