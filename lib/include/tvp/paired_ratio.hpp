// The interval behind every ratio tvp reports (process ÷ thread, latency ÷ bare, latency ÷ floor):
// both sides are measured in the same rounds, so each round gives one ratio a_i / b_i, and the
// machine's drift from round to round cancels inside it. On the log scale the round ratios
// d_i = log(a_i / b_i) are close to symmetric; the estimate is their mean (the geometric mean of the
// round ratios) and the interval is Student's t on the d_i, turned back into a ratio. t rather than
// a bootstrap because the rounds are few (6-40): a percentile bootstrap under-covers there, while t
// on the log scale has its nominal coverage for log-normal noise and errs wide for heavier tails.
#pragma once

#include <cstddef>
#include <span>

namespace tvp {

struct RatioInterval {
  double estimate = 0;    // geometric mean of the round ratios
  double low = 0;         // lower bound of the interval
  double high = 0;        // upper bound
  std::size_t rounds = 0;
  // Relative half width: exp(t * s / sqrt(n)) - 1, e.g. 0.03 for "±3%".
  double half_width = 0;

  bool contains_one() const noexcept { return low <= 1.0 && 1.0 <= high; }
};

// REQUIRES: numerator.size() == denominator.size() >= 2, every value > 0 and finite;
// 0 < confidence < 1. Throws std::invalid_argument otherwise.
RatioInterval paired_ratio(std::span<const double> numerator, std::span<const double> denominator,
                           double confidence = 0.95);

}  // namespace tvp
