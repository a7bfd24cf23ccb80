// Whether a benchmark's working set fits the machine: sizes that do not are not registered at all
// (a report without them beats a swapping run or an OOM kill), and stderr says which and why.
// Used by the spawn family (fork with touched memory) and the floor family (large memcpy).
#pragma once

#include <cstddef>
#include <string_view>

namespace tvp::bench {

// True if `bytes` <= MemAvailable / 2. Otherwise (or if MemAvailable cannot be read) prints one
// line naming `benchmark` and the cause to stderr and returns false.
bool fits_in_memory(std::string_view benchmark, std::size_t bytes);

}  // namespace tvp::bench
