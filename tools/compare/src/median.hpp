// The median of a sample, shared by tvp-compare's two-report comparison and tvp-ab's rounds.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace tvp::compare {

// Takes a copy: nth_element reorders it. Undefined for an empty sample (callers check).
inline double median(std::vector<double> v) {
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  if (v.size() % 2 == 1) return *mid;
  return (*mid + *std::max_element(v.begin(), mid)) / 2;
}

}  // namespace tvp::compare
