// One builder per kind of section. Each returns an empty Section when the reports have nothing
// for it, and records in Section::notes whatever it had to leave out, so nothing disappears
// silently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/dataset.hpp"
#include "figures/section.hpp"

namespace tvp::report {

struct ReportOptions {
  std::optional<std::uint64_t> size;  // --size: the size for percentiles and table centre
};

// latency/...: round trip against size per placement, floor rule, p50/p99/p99.9 at the chosen size.
Section latency_section(const Dataset& data, const ReportOptions& options);
// process ÷ thread round-trip ratio per transport that has both models (paired, with whiskers for
// the 95% interval, where the report has paired rounds).
Section ratio_section(const Dataset& data, const ReportOptions& options);
// The answer, first in the report: process ÷ thread per transport × placement at 8 B, 4 KiB and
// 1 MiB (the sizes present), each with its interval, for latency and throughput, and how many
// ratios missed the run's target width. Empty for reports without paired rounds.
Section answer_section(const Dataset& data);
// Every paired ratio whose interval missed the run's target width, with its half width and rounds.
Section inconclusive_section(const Dataset& data);
// Benchmarks and ratios left out because the run's self-check flagged them, with the reason.
Section suspect_section(const Dataset& data);
// throughput/...: bytes_per_second against size, memcpy floor as reference.
Section throughput_section(const Dataset& data);
// spawn/...: cost per kind, and cost against memory size where several sizes were run.
Section spawn_section(const Dataset& data);
// floor/...: the reference figures themselves.
Section floor_section(const Dataset& data);
// Any other family (sync, openloop, scaling, ...): mean time against size per transport × model,
// or bars when each has one size.
Section generic_section(const Dataset& data, const std::string& family);
// bare/...: the matching latency mean ÷ the bare loop's, per transport, model, placement, size
// (the paired ratio_to_bare with its interval where the report has one).
Section overhead_section(const Dataset& data);
// versus_latency/ and versus_throughput/: each transport ÷ each partner its registry row names
// (ratio_to_<partner>), per model and size, with its interval.
Section versus_section(const Dataset& data);
// Benchmarks that reported error_occurred: listed, never plotted.
Section errors_section(const Dataset& data);
// Two or more reports: mean time of each later report against the first, as % change.
Section changes_section(const Dataset& data);
// Every context field of every report (machine, kernel, compiler, revision, ...).
Section context_section(const Dataset& data);

// All sections in reading order, empty ones dropped.
std::vector<Section> build_sections(const Dataset& data, const ReportOptions& options);

}  // namespace tvp::report
