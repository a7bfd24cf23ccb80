// Human-readable numbers for axis labels and tables. Every function takes the value in the
// project's base unit (nanoseconds, bytes, bytes per second) and picks a prefix so the label stays
// short: a reader compares "12 µs" with "3.4 ms" faster than 12000 with 3400000.
#pragma once

#include <cstdint>
#include <string>

namespace tvp::report {

// "850 ns", "12.3 µs", "4.1 ms", "2 s". REQUIRES: ns >= 0.
std::string format_duration_ns(double ns);

// Sizes are powers of two in this suite, so binary prefixes: "64 B", "4 KiB", "1 MiB", "1.5 MiB".
std::string format_bytes(double bytes);

// Decimal prefixes, as network and memory bandwidth are quoted: "850 MB/s", "12.4 GB/s".
std::string format_rate(double bytes_per_second);

// A ratio: "1.0×", "3.2×", "27×".
std::string format_ratio(double ratio);

// A signed percentage: "+12.5%", "-3.0%".
std::string format_percent_change(double percent);

// A plain count with up to three significant digits and an SI suffix: "950", "12.3k", "4.1M".
std::string format_count(double value);

// Up to `significant` significant digits, trailing zeros dropped: 1.50 -> "1.5", 12.0 -> "12".
std::string format_significant(double value, int significant = 3);

}  // namespace tvp::report
