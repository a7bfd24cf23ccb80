// A logarithmic axis: maps a positive value to a pixel and chooses ticks a reader can name.
// Byte sizes get powers of two (64 B, 4 KiB, 1 MiB: the sizes the suite runs); everything else gets
// decades, or 1-2-5 steps when the data spans less than about two decades so the axis still has
// several labels.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace tvp::report {

enum class AxisUnit { duration_ns, bytes, rate, ratio, count };

// "round trip (ns)" style label text for an axis of this unit is chosen by the chart; this only
// formats one tick value.
std::string format_axis_value(double value, AxisUnit unit);

struct Tick {
  double value;
  std::string label;  // empty for a minor (unlabelled) tick
};

class LogAxis {
 public:
  // REQUIRES: 0 < data_min <= data_max, both finite. The domain is widened to the enclosing ticks.
  // pixel_at_min may be greater than pixel_at_max (a y axis grows upwards).
  LogAxis(double data_min, double data_max, AxisUnit unit, double pixel_at_min,
          double pixel_at_max);

  // Values outside the domain are clamped, so a stray point stays inside the plot area.
  double to_pixel(double value) const;
  double domain_min() const { return min_; }
  double domain_max() const { return max_; }
  const std::vector<Tick>& ticks() const { return ticks_; }

 private:
  void choose_binary_ticks(double data_min, double data_max);
  void choose_decimal_ticks(double data_min, double data_max);
  // Ticks at step × 10^e for e in [lo, hi]; false when that labels fewer than three values.
  bool choose_stepped_ticks(double data_min, double data_max, int lo, int hi,
                            std::initializer_list<double> steps);

  AxisUnit unit_;
  double min_ = 1;
  double max_ = 10;
  double pixel_at_min_;
  double pixel_at_max_;
  std::vector<Tick> ticks_;
};

}  // namespace tvp::report
