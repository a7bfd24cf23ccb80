#include "tvp/sample_clock.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace tvp {
namespace {

std::string first_line(const char* path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// True if the first "flags" line of /proc/cpuinfo lists `flag` as a whole word.
bool cpu_has_flag(const std::string& flag) {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream words(line.substr(line.find(':') + 1));
    for (std::string w; words >> w;)
      if (w == flag) return true;
    return false;
  }
  return false;
}

}  // namespace

const SampleClock& SampleClock::get() {
  static const SampleClock clock;  // thread-safe one-time initialisation
  return clock;
}

SampleClock::SampleClock() {
  description_ = "steady_clock";
#if defined(__x86_64__) || defined(__i386__)
  const std::string source =
      first_line("/sys/devices/system/clocksource/clocksource0/current_clocksource");
  if (source != "tsc") {
    description_ += " (clocksource is '" + source + "', not tsc)";
    return;
  }
  if (!cpu_has_flag("constant_tsc") || !cpu_has_flag("nonstop_tsc")) {
    description_ += " (the TSC is not invariant)";
    return;
  }
  // 20 ms against steady_clock: the two reads at each end cost ~50 ns, an error of a few ppm.
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  const std::uint64_t c0 = __rdtsc();
  auto t1 = t0;
  while (t1 - t0 < std::chrono::milliseconds(20)) t1 = clock::now();
  const std::uint64_t c1 = __rdtsc();
  const double ns = std::chrono::duration<double, std::nano>(t1 - t0).count();
  if (c1 <= c0) {
    description_ += " (the TSC did not advance)";
    return;
  }
  tsc_ = true;
  ns_per_tick_ = ns / static_cast<double>(c1 - c0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "tsc (%.6f ns/tick)", ns_per_tick_);
  description_ = buf;
#endif
}

}  // namespace tvp
