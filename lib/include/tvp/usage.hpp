// CPU time and context switches of the calling thread: the cost a wait strategy hides (a spinning
// receiver burns CPU, a blocking one switches context).
#pragma once

#include <cstdint>

namespace tvp {

struct Usage {
  std::int64_t cpu_ns = 0;                // user + system
  std::int64_t voluntary_switches = 0;    // blocked and gave up the CPU
  std::int64_t involuntary_switches = 0;  // preempted
};

// getrusage(RUSAGE_THREAD) of the calling thread. Throws SystemError.
Usage thread_usage_now();

inline Usage operator-(const Usage& a, const Usage& b) {
  return {a.cpu_ns - b.cpu_ns, a.voluntary_switches - b.voluntary_switches,
          a.involuntary_switches - b.involuntary_switches};
}
inline Usage operator+(const Usage& a, const Usage& b) {
  return {a.cpu_ns + b.cpu_ns, a.voluntary_switches + b.voluntary_switches,
          a.involuntary_switches + b.involuntary_switches};
}

}  // namespace tvp
