// The run's own floor, drawn as a reference so a transport's figure reads as "N times the
// hardware's best": the cache-line ping-pong round trip for latency (`floor/cacheline/...`, and
// `floor/cacheline_pair/...`, one line per direction: the least a channel with a queue per
// direction can do) and memcpy bandwidth for throughput (`floor/memcpy/...`).
#pragma once

#include <optional>
#include <string>

#include "model/dataset.hpp"
#include "charts/line_chart.hpp"

namespace tvp::report {

struct FloorValue {
  double ns;
  std::string label;  // "floor: cacheline round trip, cross_core (142 ns)"
};

enum class LatencyFloor { one_line, line_per_direction };

// The cacheline floor's mean round trip for `run`: the same placement when measured, else any
// placement (the label then names the one used); thread model and smallest size preferred.
std::optional<FloorValue> latency_floor(const Dataset& data, std::size_t run,
                                        const std::string& placement,
                                        LatencyFloor kind = LatencyFloor::one_line);

// memcpy bytes_per_second against size for `run`, as a grey reference series; nullopt when the
// report has no memcpy floor with bytes_per_second.
std::optional<Series> memcpy_floor(const Dataset& data, std::size_t run,
                                   const std::string& placement);

// floor/stream (buffers written on one CPU, read on the other) for `run`, as a dashed grey
// reference series; only for cross_core, the one placement it is measured at.
std::optional<Series> stream_floor(const Dataset& data, std::size_t run,
                                   const std::string& placement);

}  // namespace tvp::report
