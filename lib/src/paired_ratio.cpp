#include "tvp/paired_ratio.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

namespace tvp {

RatioInterval paired_ratio(std::span<const double> numerator, std::span<const double> denominator,
                           double confidence) {
  const std::size_t n = numerator.size();
  if (n != denominator.size())
    throw std::invalid_argument("paired_ratio: " + std::to_string(n) + " numerators against " +
                                std::to_string(denominator.size()) + " denominators");
  if (n < 2) throw std::invalid_argument("paired_ratio: needs at least 2 rounds");
  if (!(confidence > 0 && confidence < 1))
    throw std::invalid_argument("paired_ratio: confidence must be in (0, 1)");
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double a = numerator[i], b = denominator[i];
    if (!(a > 0) || !(b > 0) || !std::isfinite(a) || !std::isfinite(b))
      throw std::invalid_argument("paired_ratio: round " + std::to_string(i) +
                                  " has a value that is not positive and finite");
    sum += std::log(a / b);
  }
  const double dn = static_cast<double>(n);
  const double mean = sum / dn;
  double ss = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = std::log(numerator[i] / denominator[i]) - mean;
    ss += d * d;
  }
  const double se = std::sqrt(ss / (dn - 1)) / std::sqrt(dn);
  const boost::math::students_t t_dist(dn - 1);
  const double t = boost::math::quantile(boost::math::complement(t_dist, (1 - confidence) / 2));
  const double h = t * se;
  return {.estimate = std::exp(mean),
          .low = std::exp(mean - h),
          .high = std::exp(mean + h),
          .rounds = n,
          .half_width = std::expm1(h)};
}

}  // namespace tvp
