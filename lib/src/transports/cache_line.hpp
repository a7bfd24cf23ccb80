// The false-sharing unit for the shared-memory transports' layouts.
#pragma once

#include <cstddef>

namespace tvp::shm {

// Fixed at 64 rather than std::hardware_destructive_interference_size: g++ 12 warns that the
// latter may differ between compilations (-Winterference-size), and a layout shared between two
// processes must not depend on compiler flags.
inline constexpr std::size_t kCacheLine = 64;

}  // namespace tvp::shm
