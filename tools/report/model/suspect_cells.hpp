// Which benchmarks tvp-bench's self-check flagged as faster than the run's own floor (a measuring
// error, not a fast transport), and why, in words a reader can check against the figures.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tvp/gbjson.hpp"

namespace tvp::report {

// The reason the benchmark whose entries (every row of one run_name in one report: rounds or
// repetitions, aggregates) are `entries` is suspect; nullopt when no iteration row and no
// _mean/_median aggregate carries a non-zero `suspect` counter. The reason quotes the paired floor
// the rows carry when they do: bytes_per_second ÷ floor_bytes_per_second, else the compared time
// (tvp_value_ns, else real_time) ÷ floor_ns, as a geometric mean over the rounds.
std::optional<std::string> suspect_reason(const std::vector<const gbjson::Entry*>& entries);

// The run_name of the other side of a paired ratio written on `arm` (ratio_to_thread: the thread
// arm; ratio_to_bare: the bare/ twin), or nullopt when that side is not a benchmark of its own
// (the floor rows, memcpy) or `kind` is unknown.
std::optional<std::string> ratio_partner(const gbjson::BenchmarkName& arm, const std::string& kind);

}  // namespace tvp::report
