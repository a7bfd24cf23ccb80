// Per-sample latencies → percentiles. Google Benchmark reports one number per run (the mean), and
// its statistics see one value per repetition, so tail latencies have to be collected by the
// benchmark: every round trip is recorded here and the percentiles become counters.
//
//   Histogram h;                        // allocates and touches all buckets up front
//   for (...) h.record(ns);             // constant time, no allocation
//   h.percentile(0.99);                 // within 1/256 of the true sample value
//
// Log-linear buckets (the HdrHistogram layout): values below 256 ns are exact; above that each
// power of two is split into 128 equal buckets, so a reported value is within 0.4% of a sample that
// was recorded, over the whole range of uint64 nanoseconds, in a fixed 58 KiB.
#pragma once

#include <cstdint>
#include <vector>

namespace tvp {

class Histogram {
 public:
  Histogram();

  void record(std::uint64_t ns) noexcept {
    ++counts_[bucket_of(ns)];
    ++count_;
    sum_ += ns;
    if (ns < min_) min_ = ns;
    if (ns > max_) max_ = ns;
  }
  void reset() noexcept;

  std::uint64_t count() const noexcept { return count_; }
  // REQUIRES: count() > 0 for min() and max() to be meaningful (both are 0 otherwise).
  std::uint64_t min() const noexcept { return count_ ? min_ : 0; }
  std::uint64_t max() const noexcept { return max_; }
  double mean() const noexcept;

  // The q-quantile (0 < q <= 1): the smallest recorded value v such that at least q * count()
  // samples are <= v, up to bucket resolution (never below min() nor above max(); exactly max()
  // when that is the sample asked for, e.g. q = 1).
  // REQUIRES: 0 < q <= 1. Returns 0 when count() == 0.
  std::uint64_t percentile(double q) const noexcept;

 private:
  static constexpr unsigned kSubBits = 7;  // 128 buckets per power of two
  static constexpr std::uint64_t kSub = std::uint64_t{1} << kSubBits;

  static std::size_t bucket_of(std::uint64_t v) noexcept {
    if (v < 2 * kSub) return static_cast<std::size_t>(v);
    // The top kSubBits+1 bits select the bucket within the value's power of two.
    const unsigned shift = static_cast<unsigned>(63 - __builtin_clzll(v)) - kSubBits;
    return static_cast<std::size_t>(shift * kSub + (v >> shift));
  }
  // Smallest and largest value that fall into bucket i.
  static std::uint64_t bucket_low(std::size_t i) noexcept;
  static std::uint64_t bucket_high(std::size_t i) noexcept;

  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::uint64_t sum_ = 0;
  std::uint64_t min_ = UINT64_MAX;
  std::uint64_t max_ = 0;
};

}  // namespace tvp
