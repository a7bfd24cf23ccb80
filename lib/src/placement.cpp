#include "tvp/placement.hpp"

#include <pthread.h>
#include <sched.h>

#include <stdexcept>
#include <string>

#include "tvp/error.hpp"

namespace tvp {
namespace {

// The affinity mask the process started with, captured once so that unpinning restores it even
// after the main thread pinned itself.
const cpu_set_t& startup_mask() {
  static const cpu_set_t mask = [] {
    cpu_set_t m;
    CPU_ZERO(&m);
    if (sched_getaffinity(0, sizeof(m), &m) != 0) throw_errno("sched_getaffinity");
    return m;
  }();
  return mask;
}

}  // namespace

std::string_view to_string(Placement p) noexcept {
  switch (p) {
    case Placement::same_core: return "same_core";
    case Placement::cross_core: return "cross_core";
    case Placement::unpinned: return "unpinned";
  }
  return "?";
}

std::optional<Placement> parse_placement(std::string_view name) noexcept {
  for (Placement p : {Placement::same_core, Placement::cross_core, Placement::unpinned})
    if (to_string(p) == name) return p;
  return std::nullopt;
}

int allowed_cpu_count() { return CPU_COUNT(&startup_mask()); }

std::pair<int, int> cpus_for(Placement p) {
  int first = -1, second = -1;
  for (int cpu = 0; cpu < CPU_SETSIZE && second < 0; ++cpu) {
    if (!CPU_ISSET(cpu, &startup_mask())) continue;
    (first < 0 ? first : second) = cpu;
  }
  switch (p) {
    case Placement::same_core: return {first, first};
    case Placement::cross_core:
      if (second < 0) throw std::runtime_error("placement cross_core needs 2 CPUs, this process has 1");
      return {first, second};
    case Placement::unpinned: return {-1, -1};
  }
  return {-1, -1};
}

void pin_this_thread(int cpu) {
  if (cpu < 0) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (int rc = pthread_setaffinity_np(pthread_self(), sizeof(set), &set); rc != 0)
    throw SystemError("pin to CPU " + std::to_string(cpu), rc);
}

void unpin_this_thread() {
  const cpu_set_t& mask = startup_mask();
  if (int rc = pthread_setaffinity_np(pthread_self(), sizeof(mask), &mask); rc != 0)
    throw SystemError("unpin", rc);
}

}  // namespace tvp
