// What is compared: real_time, cpu_time or a named counter, and which way is better.
#pragma once

#include <string>

namespace tvp::compare {

struct Metric {
  std::string name;
  bool is_time = false;      // real_time / cpu_time: values are converted to nanoseconds
  bool nanoseconds = false;  // values are durations in ns: times, and counters named *_ns (p50_ns…)
  bool higher_is_better = false;  // rates; everything else (times, latencies, costs) is lower
};

// Direction rule: a counter whose name ends in "_per_s", "_per_second" or "per_second" (msgs_per_s,
// bytes_per_second, items_per_second) is a rate, higher is better. Every other metric — real_time,
// cpu_time, p50_ns … max_ns, cpu_ns_per_msg, vcsw_per_msg — is a cost, lower is better.
Metric make_metric(const std::string& name);

}  // namespace tvp::compare
