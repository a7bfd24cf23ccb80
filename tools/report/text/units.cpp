#include "text/units.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace tvp::report {
namespace {

struct Prefix {
  double scale;
  const char* suffix;
};

// Picks the largest prefix whose scale does not exceed |value|, falling back to the first one.
template <std::size_t N>
std::string with_prefix(double value, const std::array<Prefix, N>& prefixes) {
  const Prefix* chosen = &prefixes[0];
  for (const Prefix& p : prefixes) {
    if (std::fabs(value) >= p.scale * 0.9995)
      chosen = &p;  // 999.7 ns rounds to "1 µs", not "1000 ns"
  }
  return format_significant(value / chosen->scale) + chosen->suffix;
}

}  // namespace

std::string format_significant(double value, int significant) {
  if (!std::isfinite(value)) return std::isnan(value) ? "NaN" : (value > 0 ? "inf" : "-inf");
  if (value == 0) return "0";
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  const int decimals = std::max(0, significant - 1 - magnitude);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string format_duration_ns(double ns) {
  static constexpr std::array<Prefix, 4> kPrefixes{
      {{1.0, " ns"}, {1e3, " µs"}, {1e6, " ms"}, {1e9, " s"}}};
  return with_prefix(ns, kPrefixes);
}

std::string format_bytes(double bytes) {
  static constexpr std::array<Prefix, 4> kPrefixes{
      {{1.0, " B"}, {1024.0, " KiB"}, {1048576.0, " MiB"}, {1073741824.0, " GiB"}}};
  return with_prefix(bytes, kPrefixes);
}

std::string format_rate(double bytes_per_second) {
  static constexpr std::array<Prefix, 5> kPrefixes{
      {{1.0, " B/s"}, {1e3, " kB/s"}, {1e6, " MB/s"}, {1e9, " GB/s"}, {1e12, " TB/s"}}};
  return with_prefix(bytes_per_second, kPrefixes);
}

std::string format_ratio(double ratio) {
  // One decimal below 10x keeps "1.3x" distinguishable from "1.0x"; above it the decimal is noise.
  char buf[32];
  std::snprintf(buf, sizeof buf, std::fabs(ratio) < 10 ? "%.1f" : "%.0f", ratio);
  return std::string(buf) + "×";
}

std::string format_percent_change(double percent) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", percent);
  return buf;
}

std::string format_count(double value) {
  static constexpr std::array<Prefix, 4> kPrefixes{{{1.0, ""}, {1e3, "k"}, {1e6, "M"}, {1e9, "G"}}};
  return with_prefix(value, kPrefixes);
}

}  // namespace tvp::report
