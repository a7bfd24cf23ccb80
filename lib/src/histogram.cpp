#include "tvp/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace tvp {
namespace {
// Buckets for values up to 2^64 - 1: the last power of two (shift 56) ends at index 56*128 + 255.
constexpr std::size_t kBuckets = 56 * 128 + 256;
}  // namespace

Histogram::Histogram() : counts_(kBuckets, 0) {}

void Histogram::reset() noexcept {
  std::fill(counts_.begin(), counts_.end(), 0);
  count_ = 0;
  sum_ = 0;
  min_ = UINT64_MAX;
  max_ = 0;
}

double Histogram::mean() const noexcept {
  return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0;
}

std::uint64_t Histogram::bucket_low(std::size_t i) noexcept {
  if (i < 2 * kSub) return i;
  const std::size_t shift = i / kSub - 1;
  return static_cast<std::uint64_t>(i - shift * kSub) << shift;
}

std::uint64_t Histogram::bucket_high(std::size_t i) noexcept {
  if (i < 2 * kSub) return i;
  const std::size_t shift = i / kSub - 1;
  return bucket_low(i) + ((std::uint64_t{1} << shift) - 1);
}

std::uint64_t Histogram::percentile(double q) const noexcept {
  if (count_ == 0) return 0;
  // Rank of the wanted sample, 1-based: ceil(q * n), at least 1 and at most n.
  const double want = std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(count_));
  const auto rank = std::clamp<std::uint64_t>(static_cast<std::uint64_t>(want), 1, count_);
  if (rank == count_) return max_;  // the top sample is known exactly
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      // The bucket's midpoint halves the worst-case error; the exact extremes are known.
      const std::uint64_t lo = bucket_low(i), hi = bucket_high(i);
      return std::clamp(lo + (hi - lo) / 2, min(), max_);
    }
  }
  return max_;
}

}  // namespace tvp
