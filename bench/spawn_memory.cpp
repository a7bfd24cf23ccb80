#include "spawn_memory.hpp"

#include <cstdio>
#include <string>

#include "tvp/floor_probe.hpp"

namespace tvp::bench {

bool fits_in_memory(std::string_view benchmark, std::size_t bytes) {
  const auto available = mem_available_bytes();
  const std::string name(benchmark);
  if (!available) {
    std::fprintf(stderr, "tvp-bench: %s not registered: MemAvailable unreadable in /proc/meminfo\n",
                 name.c_str());
    return false;
  }
  if (bytes <= *available / 2) return true;
  std::fprintf(stderr,
               "tvp-bench: %s not registered: needs %zu MiB, half of MemAvailable is %zu MiB\n",
               name.c_str(), bytes >> 20, (*available / 2) >> 20);
  return false;
}

}  // namespace tvp::bench
