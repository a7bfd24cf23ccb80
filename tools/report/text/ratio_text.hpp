// Paired ratios in words: the estimate with its 95% interval, and what a reader should conclude
// from it. Every table that shows a paired ratio formats it here, so they all read alike.
#pragma once

#include <string>

#include "tvp/gbjson.hpp"

namespace tvp::report {

// "1.38× [1.31–1.45]": estimate and interval with the same number of decimals, three significant
// digits of the estimate and more when two different figures would otherwise print alike.
std::string format_ratio_interval(double estimate, double low, double high);

// A table cell for a paired ratio: format_ratio_interval, or "no measurable difference, 0.995×
// [0.971–1.020]" when the interval holds 1; " †" appended when the interval did not reach the
// run's target width (inconclusive). "1.38× (no interval)" when the row has no usable interval.
std::string ratio_cell(const gbjson::PairedRatio& ratio);

// The relative half width as a reader quotes it: 0.072 → "±7.2%".
std::string format_half_width(double half_width);

// What a ratio kind divides: "ratio_to_thread" → "process ÷ thread", "ratio_to_bare" → "latency ÷
// bare", "ratio_to_floor" → "÷ floor/cacheline_pair", "ratio_to_memcpy" → "÷ memcpy",
// "ratio_to_<partner>" (versus_*/) → "÷ <partner>"; other kinds as written.
std::string ratio_kind_text(const std::string& kind);

// The note under a table of paired ratios: how they were estimated and how to read them.
extern const char* const kPairedRatioNote;

}  // namespace tvp::report
