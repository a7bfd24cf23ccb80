// The in-job A/B statistics (tools/compare/src/ab_compare.*) on data built here, with known answers:
// Holm's adjustment by hand, a t-test p-value by hand, a constructed 10% slowdown under drift that
// both builds share, the false-alarm rate of simulated A/A subsets, and the verdicts that are not
// numbers (failed, suspect, missing).
#include "ab_compare.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "compare_error.hpp"

namespace tvp::compare {
namespace {

namespace gb = tvp::gbjson;

struct Row {
  std::string name;
  double value;  // tvp_value_ns
  bool error = false;
  bool suspect = false;
};

// A minimal Google Benchmark report: one iteration row per benchmark.
gb::Report report(const std::vector<Row>& rows, const std::string& path = "mem.json") {
  std::ostringstream s;
  s.precision(17);
  s << R"({"context":{"date":"2026-11-30T00:00:00+00:00","host_name":"h","num_cpus":2,)"
    << R"("mhz_per_cpu":2000},"benchmarks":[)";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    s << (i ? "," : "") << R"({"name":")" << r.name << R"(","run_name":")" << r.name
      << R"(","run_type":"iteration","repetitions":1,"repetition_index":0,"threads":1,)"
      << R"("iterations":100,"real_time":)" << r.value * 1.1 << R"(,"cpu_time":1,"time_unit":"ns",)"
      << R"("tvp_value_ns":)" << r.value << R"(,"suspect":)" << (r.suspect ? 1 : 0);
    if (r.error) s << R"(,"error_occurred":true,"error_message":"peer died")";
    s << "}";
  }
  s << "]}";
  return gb::parse_report(s.str(), path);
}

const AbRow& row(const AbResult& r, const std::string& name) {
  for (const AbRow& x : r.rows)
    if (x.name == name) return x;
  throw std::runtime_error("no row " + name);
}

TEST(AbHolm, MatchesTheHandComputedAdjustment) {
  // Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> kept monotone at 0.06.
  const std::vector<double> adj = holm_adjust({0.01, 0.04, 0.03, 0.005});
  ASSERT_EQ(adj.size(), 4u);
  EXPECT_NEAR(adj[0], 0.03, 1e-12);
  EXPECT_NEAR(adj[1], 0.06, 1e-12);
  EXPECT_NEAR(adj[2], 0.06, 1e-12);
  EXPECT_NEAR(adj[3], 0.02, 1e-12);
  EXPECT_DOUBLE_EQ(holm_adjust({0.9, 0.8})[0], 1.0);  // capped at 1
}

TEST(AbStatistics, PValueAndIntervalMatchTheHandComputedTTest) {
  // log ratios 0.1, 0.2, 0.3: mean 0.2, sd 0.1, t = 0.2 / (0.1/sqrt 3) = 3.4641 on 2 degrees of
  // freedom; two-sided p = 1 - t / sqrt(2 + t^2) = 0.074180; t(0.975, 2) = 4.302653.
  std::vector<gb::Report> a, b;
  for (double d : {0.1, 0.2, 0.3}) {
    a.push_back(report({{"x/t/thread/cross_core/8", 100}}));
    b.push_back(report({{"x/t/thread/cross_core/8", 100 * std::exp(d)}}));
  }
  const AbResult r = compare_ab(a, b, {});
  const AbRow& x = row(r, "x/t/thread/cross_core/8");
  EXPECT_EQ(x.rounds, 3u);
  EXPECT_NEAR(x.ratio, std::exp(0.2), 1e-9);
  EXPECT_NEAR(x.p, 0.074180, 1e-5);
  const double half = 4.302653 * 0.1 / std::sqrt(3.0);
  EXPECT_NEAR(x.low, std::exp(0.2 - half), 1e-5);
  EXPECT_NEAR(x.high, std::exp(0.2 + half), 1e-5);
  EXPECT_EQ(x.verdict, AbVerdict::inconclusive);  // p > 0.05
}

// `rounds` rounds of `n` benchmarks; benchmark 0 of the candidate is `shift` slower. Every round
// both builds share a machine drift (up to ±30%); each value has its own `noise` (log sd).
AbResult simulate(std::mt19937_64& rng, std::size_t n, std::size_t rounds, double shift,
                  double noise) {
  std::normal_distribution<double> jitter(0, noise);
  std::uniform_real_distribution<double> drift(0.7, 1.3);
  std::vector<gb::Report> a, b;
  for (std::size_t i = 0; i < rounds; ++i) {
    const double machine = drift(rng);
    std::vector<Row> ra, rb;
    for (std::size_t k = 0; k < n; ++k) {
      const std::string name = "latency/t" + std::to_string(k) + "/thread/cross_core/8";
      ra.push_back({name, 1000 * machine * std::exp(jitter(rng))});
      rb.push_back({name, 1000 * machine * (k == 0 ? 1 + shift : 1) * std::exp(jitter(rng))});
    }
    a.push_back(report(ra));
    b.push_back(report(rb));
  }
  return compare_ab(a, b, {});
}

TEST(AbStatistics, ATenPercentSlowdownUnderSharedDriftIsARegression) {
  std::mt19937_64 rng(7);
  int caught = 0, others_flagged = 0;
  for (int e = 0; e < 50; ++e) {
    const AbResult r = simulate(rng, 8, 12, 0.10, 0.03);
    caught += r.rows[0].verdict == AbVerdict::regression;
    for (std::size_t k = 1; k < r.rows.size(); ++k)
      others_flagged += r.rows[k].verdict == AbVerdict::regression;
    EXPECT_TRUE(r.failed() || r.rows[0].verdict != AbVerdict::regression);
  }
  EXPECT_EQ(caught, 50);
  EXPECT_LE(others_flagged, 2);
}

TEST(AbStatistics, AaFalseAlarmsOverTheWholeSubsetStayNearAlpha) {
  // 400 simulated A/A gates of 8 benchmarks each: with Holm, at most alpha = 5% of the gates may
  // flag anything (expected ~4%; without a correction it would be ~1 - 0.975^8 = 18% one-sided).
  std::mt19937_64 rng(11);
  int alarms = 0;
  for (int e = 0; e < 400; ++e) alarms += simulate(rng, 8, 12, 0.0, 0.05).failed();
  EXPECT_LE(alarms, 32) << alarms << " of 400";  // 8%: 5% plus sampling error at 400
}

TEST(AbStatistics, AFasterCandidateIsAnImprovementAndAQuietOneUnchanged) {
  std::mt19937_64 rng(3);
  const AbResult faster = simulate(rng, 2, 12, -0.15, 0.01);
  EXPECT_EQ(faster.rows[0].verdict, AbVerdict::improvement);
  EXPECT_FALSE(faster.failed());
  EXPECT_EQ(faster.rows[1].verdict, AbVerdict::unchanged);  // 1% noise, 12 rounds: within ±3%
}

TEST(AbStatistics, NoisyDataIsInconclusiveNotUnchanged) {
  std::mt19937_64 rng(5);
  const AbResult r = simulate(rng, 1, 4, 0.0, 0.30);
  EXPECT_EQ(r.rows[0].verdict, AbVerdict::inconclusive);
}

TEST(AbVerdicts, FailedSuspectAndMissingAreNotNumbers) {
  std::vector<gb::Report> a, b;
  for (int i = 0; i < 4; ++i) {
    a.push_back(report({{"latency/ok/thread/cross_core/8", 100},
                        {"latency/broken/thread/cross_core/8", 100},
                        {"latency/fast/thread/cross_core/8", 100},
                        {"latency/gone/thread/cross_core/8", 100}}));
    b.push_back(report({{"latency/ok/thread/cross_core/8", 100.0 + i},
                        {"latency/broken/thread/cross_core/8", 100, i == 2},
                        {"latency/fast/thread/cross_core/8", 1, false, true}}));
  }
  const AbResult r = compare_ab(a, b, {});
  EXPECT_EQ(row(r, "latency/broken/thread/cross_core/8").verdict, AbVerdict::failed);
  EXPECT_NE(row(r, "latency/broken/thread/cross_core/8").detail.find("peer died"),
            std::string::npos);
  EXPECT_EQ(row(r, "latency/fast/thread/cross_core/8").verdict, AbVerdict::suspect);
  EXPECT_EQ(row(r, "latency/gone/thread/cross_core/8").verdict, AbVerdict::missing);
  EXPECT_TRUE(r.failed());
}

TEST(AbVerdicts, ARateMetricIsReadHigherIsBetter) {
  // msgs_per_s halves: a regression, although the number got smaller.
  auto rate_report = [](double rate) {
    std::ostringstream s;
    s << R"({"context":{"date":"d","host_name":"h","num_cpus":2,"mhz_per_cpu":1},"benchmarks":[)"
      << R"({"name":"throughput/t/thread/cross_core/8","run_name":"throughput/t/thread/cross_core/8",)"
      << R"("run_type":"iteration","repetitions":1,"repetition_index":0,"threads":1,)"
      << R"("iterations":1,"real_time":1,"cpu_time":1,"time_unit":"ns","msgs_per_s":)" << rate
      << "}]}";
    return gb::parse_report(s.str(), "rate.json");
  };
  std::vector<gb::Report> a, b;
  for (double jitter : {1.0, 1.01, 0.99, 1.02, 0.98}) {
    a.push_back(rate_report(1e6 * jitter));
    b.push_back(rate_report(0.5e6 * jitter * (jitter > 1 ? 1.01 : 0.995)));
  }
  AbOptions o;
  o.metric = "msgs_per_s";
  const AbResult r = compare_ab(a, b, o);
  EXPECT_EQ(r.rows[0].verdict, AbVerdict::regression);
  EXPECT_GT(r.rows[0].ratio, 1.9);
}

TEST(AbBadInput, UnequalRoundCountsAndAnEmptyFilterAreErrors) {
  const std::vector<gb::Report> one{report({{"latency/t/thread/cross_core/8", 1}})};
  const std::vector<gb::Report> two{report({{"latency/t/thread/cross_core/8", 1}}),
                                    report({{"latency/t/thread/cross_core/8", 1}})};
  EXPECT_THROW(compare_ab(one, two, {}), CompareError);
  AbOptions o;
  o.filter.emplace("^nothing$");
  EXPECT_THROW(compare_ab(two, two, o), CompareError);
}

}  // namespace
}  // namespace tvp::compare
