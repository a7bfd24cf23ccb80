// CPU placement of the two sides of a conversation.
#pragma once

#include <optional>
#include <string_view>
#include <utility>

namespace tvp {

enum class Placement { same_core, cross_core, unpinned };

std::string_view to_string(Placement p) noexcept;
// Returns nullopt for an unknown name.
std::optional<Placement> parse_placement(std::string_view name) noexcept;

// CPUs for (initiator, peer) under a placement; -1 means "leave it to the scheduler". Chooses the
// first two CPUs of the process's affinity mask. REQUIRES: cross_core needs >= 2 allowed CPUs
// (throws std::runtime_error otherwise).
std::pair<int, int> cpus_for(Placement p);

// Pins the calling thread to `cpu` (no-op for -1). Throws SystemError.
void pin_this_thread(int cpu);

// Restores the calling thread's affinity to every CPU the process was started with.
void unpin_this_thread();

// Number of CPUs in the process's affinity mask at start-up.
int allowed_cpu_count();

}  // namespace tvp
