#include "text/ratio_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "text/units.hpp"

namespace tvp::report {
namespace {

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

}  // namespace

const char* const kPairedRatioNote =
    "Paired: both sides measured in the same rounds, in random order; the figure is the geometric "
    "mean of the per-round ratios, [95% interval]. \"no measurable difference\" = the interval "
    "holds 1×; † = the interval is wider than the run's target (listed under Inconclusive "
    "ratios).";

std::string format_ratio_interval(double estimate, double low, double high) {
  const double magnitude = std::floor(std::log10(std::fabs(estimate)));
  int decimals = std::isfinite(magnitude) ? std::max(0, 2 - static_cast<int>(magnitude)) : 2;
  // A narrow interval needs more digits than the estimate alone: 1.004 [1.002–1.006] must not
  // read "1.00× [1.00–1.01]", and an interval that misses 1 must not print an end as 1.00.
  const auto distinct = [&](int d) {
    const auto apart = [&](double a, double b) { return a == b || fixed(a, d) != fixed(b, d); };
    return apart(low, estimate) && apart(estimate, high) && apart(low, 1) && apart(high, 1);
  };
  for (int extra = 0; extra < 3 && !distinct(decimals); ++extra) ++decimals;
  return fixed(estimate, decimals) + "× [" + fixed(low, decimals) + "–" + fixed(high, decimals) +
         "]";
}

std::string ratio_cell(const gbjson::PairedRatio& r) {
  if (!r.usable()) return format_significant(r.estimate, 3) + "× (no interval)";
  std::string out = format_ratio_interval(r.estimate, r.ci_low, r.ci_high);
  if (r.holds_one()) out = "no measurable difference, " + out;
  if (r.target_met == false) out += " †";
  return out;
}

std::string format_half_width(double half_width) {
  return "±" + format_significant(half_width * 100, 2) + "%";
}

std::string ratio_kind_text(const std::string& kind) {
  if (kind == "ratio_to_thread") return "process ÷ thread";
  if (kind == "ratio_to_bare") return "latency ÷ bare";
  if (kind == "ratio_to_floor") return "÷ floor/cacheline_pair";
  if (kind == "ratio_to_memcpy") return "÷ memcpy";
  // versus_*/ rows: ratio_to_<partner transport>.
  if (kind.starts_with("ratio_to_") && kind.size() > 9) return "÷ " + kind.substr(9);
  return kind;
}

}  // namespace tvp::report
