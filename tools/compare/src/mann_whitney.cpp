#include "mann_whitney.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace tvp::compare {
namespace {

struct Ranked {
  std::vector<long> doubled_rank;  // 2 x midrank: always an integer, so sums count exactly
  std::vector<bool> from_a;
  double tie_term = 0;  // sum over tie groups of t^3 - t
};

Ranked rank(std::span<const double> a, std::span<const double> b) {
  std::vector<std::pair<double, bool>> pooled;
  pooled.reserve(a.size() + b.size());
  for (const double x : a) pooled.emplace_back(x, true);
  for (const double x : b) pooled.emplace_back(x, false);
  std::sort(pooled.begin(), pooled.end());

  Ranked r;
  const std::size_t n = pooled.size();
  r.doubled_rank.resize(n);
  r.from_a.resize(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && pooled[j + 1].first == pooled[i].first) ++j;
    // 1-based ranks i+1 .. j+1 share the midrank (i + j + 2) / 2.
    const auto doubled = static_cast<long>(i + j + 2);
    const auto t = static_cast<double>(j - i + 1);
    r.tie_term += t * t * t - t;
    for (std::size_t k = i; k <= j; ++k) {
      r.doubled_rank[k] = doubled;
      r.from_a[k] = pooled[k].second;
    }
    i = j + 1;
  }
  return r;
}

// P-value from the exact distribution of the first sample's rank sum over all C(n, n1) equally
// likely assignments (the permutation null), counted by dynamic programming over doubled ranks.
double exact_p(const Ranked& r, std::size_t n1, long observed) {
  const std::size_t n = r.doubled_rank.size();
  const auto max_sum =
      static_cast<std::size_t>(std::accumulate(r.doubled_rank.begin(), r.doubled_rank.end(), 0L));
  // ways[k * (max_sum + 1) + s]: subsets of size k with doubled-rank sum s. Doubles hold C(40, 20)
  // (1.4e11) exactly.
  std::vector<double> ways((n1 + 1) * (max_sum + 1), 0.0);
  ways[0] = 1.0;
  for (std::size_t item = 0; item < n; ++item) {
    const auto w = static_cast<std::size_t>(r.doubled_rank[item]);
    for (std::size_t k = std::min(n1, item + 1); k >= 1; --k) {
      double* to = &ways[k * (max_sum + 1)];
      const double* from = &ways[(k - 1) * (max_sum + 1)];
      for (std::size_t s = max_sum; s >= w; --s) {
        to[s] += from[s - w];
      }
    }
  }
  double total = 0, at_most = 0, at_least = 0;
  const double* dist = &ways[n1 * (max_sum + 1)];
  for (std::size_t s = 0; s <= max_sum; ++s) {
    total += dist[s];
    if (static_cast<long>(s) <= observed) at_most += dist[s];
    if (static_cast<long>(s) >= observed) at_least += dist[s];
  }
  return std::min(1.0, 2.0 * std::min(at_most, at_least) / total);
}

double asymptotic_p(const Ranked& r, std::size_t n1, std::size_t n2, double u) {
  const double a = static_cast<double>(n1);
  const double b = static_cast<double>(n2);
  const double n = a + b;
  const double mean = a * b / 2;
  const double variance = a * b / 12 * ((n + 1) - r.tie_term / (n * (n - 1)));
  if (!(variance > 0)) return 1.0;  // every value equal: no evidence of any difference
  // Continuity correction: U moves in steps of 1/2 at least, the normal curve does not.
  const double z = std::max(0.0, std::abs(u - mean) - 0.5) / std::sqrt(variance);
  return std::min(1.0, std::erfc(z / std::sqrt(2.0)));
}

}  // namespace

MwuResult mann_whitney_u(std::span<const double> a, std::span<const double> b, MwuMethod method) {
  const Ranked r = rank(a, b);
  long doubled_sum_a = 0;
  for (std::size_t i = 0; i < r.doubled_rank.size(); ++i) {
    if (r.from_a[i]) doubled_sum_a += r.doubled_rank[i];
  }
  const double n1 = static_cast<double>(a.size());
  MwuResult result;
  result.u = static_cast<double>(doubled_sum_a) / 2 - n1 * (n1 + 1) / 2;
  result.exact = method == MwuMethod::exact ||
                 (method == MwuMethod::automatic && a.size() + b.size() <= kMwuExactLimit);
  result.p = result.exact ? exact_p(r, a.size(), doubled_sum_a)
                          : asymptotic_p(r, a.size(), b.size(), result.u);
  return result;
}

double min_exact_p(std::size_t n1, std::size_t n2) {
  // C(n1 + n2, n1) built up as a product of ratios stays exact enough in double for any n here.
  double combinations = 1;
  for (std::size_t i = 1; i <= n1; ++i) {
    combinations = combinations * static_cast<double>(n2 + i) / static_cast<double>(i);
  }
  return std::min(1.0, 2.0 / combinations);
}

}  // namespace tvp::compare
