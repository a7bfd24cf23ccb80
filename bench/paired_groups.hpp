// The paired comparisons, declared once from the matrix. One group per (family, transport,
// placement, size) of latency/ and throughput/: its arms are the cell in every model the transport
// supports, the bare/ twins of a latency cell (one per model), and the machine's floor measured in
// the same rounds (the one-line-per-direction cache-line round trip of each model for cross_core
// latency, memcpy of the same size for throughput). Floor arms are not reported as rows of their
// own: their per-round values become counters of the rows they are compared with (floor_ns,
// floor_bytes_per_second), so a reader can recompute every ratio from the report.
// Then the cross-transport comparisons, one group per (family, subject, model, size) of
// versus_latency/ and versus_throughput/, cross_core only: a transport whose registry row names
// partners (TransportInfo::versus), the same cell of each partner that has the model, and the
// floor of the family, in the same rounds. Only the subject has rows; each partner is a ratio on
// them, ratio_to_<partner> (time ÷ time).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "families.hpp"
#include "matrix.hpp"

namespace tvp::bench {

// The name field that marks a partner arm: "versus_latency/shm_ring/process/cross_core/64/
// partner_of:memfd_seal".
inline constexpr std::string_view kPartnerOf = "partner_of:";

struct Arm {
  std::string name;       // "latency/pipe/thread/cross_core/8" (no time suffix)
  bool manual_time;       // the body reports each iteration's time (name gets "/manual_time")
  BatchBody body;
  // A floor arm is measured for the others' sake and not reported as a row: its per-round value
  // appears on the rows it is the floor of, as floor_ns (a round trip) or floor_bytes_per_second
  // (when the floor reports bytes_per_second).
  bool is_floor = false;
  // For reported arms: the floor arm (index) measured in the same rounds, and whether this arm is
  // suspect when faster than it (a transport cannot beat the hardware it runs on; a zero-copy one
  // may beat memcpy).
  std::optional<std::size_t> floor;
  bool bounded_by_floor = false;
  // A partner arm (versus_*/ groups) is measured like a reported arm, a whole batch per round, but
  // reported only through the subject's ratio to it (ratio_to_<partner>), or its error row: its
  // figures as rows are the latency/ or throughput/ rows of its cell, measured in their own
  // comparison. Its name ends in /partner_of:<subject> (kPartnerOf) and is never a row's.
  bool partner = false;

  std::string full_name() const { return name + (manual_time ? "/manual_time" : "/real_time"); }
  // A row of its own in the report (neither a floor nor a partner arm).
  bool reported() const { return !is_floor && !partner; }
};

// numerator ÷ denominator of real_time (time per iteration), reported on the numerator's row as
// the aggregate `aggregate_name`. `as_bandwidth`: report denominator ÷ numerator instead, i.e. the
// ratio of bytes per second (throughput ÷ memcpy: higher is better).
struct RatioSpec {
  std::size_t numerator, denominator;
  std::string aggregate_name;
  bool as_bandwidth = false;
};

struct Group {
  std::string label;  // "latency/pipe/cross_core/8", for messages
  std::vector<Arm> arms;
  std::vector<RatioSpec> ratios;
};

// Every group of the matrix: latency/, then throughput/, then versus_latency/, versus_throughput/.
std::vector<Group> paired_groups(const BenchConfig& c);

}  // namespace tvp::bench
