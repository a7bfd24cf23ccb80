#include "charts/log_axis.hpp"

#include <algorithm>
#include <cmath>

#include "text/units.hpp"

namespace tvp::report {

std::string format_axis_value(double value, AxisUnit unit) {
  switch (unit) {
    case AxisUnit::duration_ns:
      return format_duration_ns(value);
    case AxisUnit::bytes:
      return format_bytes(value);
    case AxisUnit::rate:
      return format_rate(value);
    case AxisUnit::ratio:
      return format_significant(value) + "×";
    case AxisUnit::count:
      return format_count(value);
  }
  return format_significant(value);
}

LogAxis::LogAxis(double data_min, double data_max, AxisUnit unit, double pixel_at_min,
                 double pixel_at_max)
    : unit_(unit), pixel_at_min_(pixel_at_min), pixel_at_max_(pixel_at_max) {
  if (unit == AxisUnit::bytes) {
    choose_binary_ticks(data_min, data_max);
  } else {
    choose_decimal_ticks(data_min, data_max);
  }
}

void LogAxis::choose_binary_ticks(double data_min, double data_max) {
  int lo = static_cast<int>(std::floor(std::log2(data_min)));
  int hi = static_cast<int>(std::ceil(std::log2(data_max)));
  if (hi == lo) {  // one size only: give the point room on both sides
    --lo;
    ++hi;
  }
  // At most ~9 labels: 64 B .. 16 MiB (18 doublings) is labelled every 4th power (64 B, 1 KiB,
  // ...).
  const int step = std::max(1, (hi - lo + 8) / 9);
  lo -= ((lo % step) + step) % step;  // align labels to multiples of the step: 1 KiB, 16 KiB, ...
  min_ = std::ldexp(1.0, lo);
  max_ = std::ldexp(1.0, hi);
  for (int e = lo; e <= hi; ++e) {
    const bool labelled = (e - lo) % step == 0;
    ticks_.push_back(
        {std::ldexp(1.0, e), labelled ? format_axis_value(std::ldexp(1.0, e), unit_) : ""});
  }
}

void LogAxis::choose_decimal_ticks(double data_min, double data_max) {
  int lo = static_cast<int>(std::floor(std::log10(data_min)));
  int hi = static_cast<int>(std::ceil(std::log10(data_max)));
  if (hi == lo) ++hi;
  const int decades = hi - lo;
  if (decades <= 2) {
    // Narrow range: 1-2-5 labels (or every integer step when that gives fewer than three), and the
    // domain trimmed to the steps around the data, so a 2x spread does not sit squashed in one
    // corner of a full decade.
    if (!choose_stepped_ticks(data_min, data_max, lo, hi, {1, 2, 5})) {
      choose_stepped_ticks(data_min, data_max, lo, hi, {1, 2, 3, 4, 5, 6, 7, 8, 9});
    }
    return;
  }
  const int label_every = decades > 10 ? 2 : 1;
  min_ = std::pow(10.0, lo);
  max_ = std::pow(10.0, hi);
  for (int e = lo; e <= hi; ++e) {
    const double decade = std::pow(10.0, e);
    ticks_.push_back({decade, (e - lo) % label_every == 0 ? format_axis_value(decade, unit_) : ""});
    if (e == hi) break;
    for (int m = 2; m <= 9; ++m) ticks_.push_back({m * decade, ""});
  }
}

bool LogAxis::choose_stepped_ticks(double data_min, double data_max, int lo, int hi,
                                   std::initializer_list<double> steps) {
  std::vector<double> candidates;
  for (int e = lo; e <= hi; ++e) {
    for (double s : steps) candidates.push_back(s * std::pow(10.0, e));
  }
  auto first = std::upper_bound(candidates.begin(), candidates.end(), data_min * (1 + 1e-9));
  auto last = std::lower_bound(candidates.begin(), candidates.end(), data_max * (1 - 1e-9));
  if (first != candidates.begin()) --first;
  if (last == candidates.end()) --last;
  if (last == first && last + 1 != candidates.end()) ++last;  // one value: give it a span
  min_ = *first;
  max_ = *last;
  ticks_.clear();
  for (auto it = first; it <= last; ++it) ticks_.push_back({*it, format_axis_value(*it, unit_)});
  return ticks_.size() >= 3;
}

double LogAxis::to_pixel(double value) const {
  const double clamped = std::clamp(value, min_, max_);
  const double t = (std::log(clamped) - std::log(min_)) / (std::log(max_) - std::log(min_));
  return pixel_at_min_ + t * (pixel_at_max_ - pixel_at_min_);
}

}  // namespace tvp::report
