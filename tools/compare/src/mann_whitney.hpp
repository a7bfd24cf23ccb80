// Two-sided Mann–Whitney U test (Wilcoxon rank-sum) for two independent samples of benchmark
// repetitions. Rank-based, so one outlier repetition (a preempted run) cannot swing it.
#pragma once

#include <cstddef>
#include <span>

namespace tvp::compare {

enum class MwuMethod {
  automatic,   // exact when n1 + n2 <= kMwuExactLimit, asymptotic above
  exact,       // exact permutation distribution of the rank sum, ties included (midranks);
               // memory grows as n^3, so only for small samples
  asymptotic,  // normal approximation with tie correction and continuity correction
};

// Up to this many values in total the exact distribution is computed: cheap (a few ms at the limit)
// and, unlike the normal approximation, right for the 3–10 repetitions benchmarks usually have.
inline constexpr std::size_t kMwuExactLimit = 40;

struct MwuResult {
  double u = 0;  // U of the first sample: pairs (a_i, b_j) with a_i > b_j, ties counting 1/2
  double p = 1;  // two-sided p-value in [0, 1]
  bool exact = false;
};

// REQUIRES: a and b non-empty, every value finite.
MwuResult mann_whitney_u(std::span<const double> a, std::span<const double> b,
                         MwuMethod method = MwuMethod::automatic);

// The smallest two-sided p-value an exact test can return for sample sizes n1, n2 without ties:
// 2 / C(n1 + n2, n1). With 3 vs 3 repetitions it is 0.1, so alpha = 0.05 can never be reached.
// REQUIRES: n1, n2 >= 1.
double min_exact_p(std::size_t n1, std::size_t n2);

}  // namespace tvp::compare
