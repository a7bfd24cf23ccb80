// The false-sharing unit for the layouts of queues and channels shared between threads or
// processes, and the rounding those layouts are carved with.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tvp::sync {

// Fixed at 64 rather than std::hardware_destructive_interference_size: g++ 12 warns that the
// latter may differ between compilations (-Winterference-size), and a layout shared between two
// processes must not depend on compiler flags.
inline constexpr std::size_t kCacheLine = 64;

// REQUIRES: align is a power of two.
constexpr std::uint64_t round_up(std::uint64_t n, std::uint64_t align) noexcept {
  return (n + align - 1) & ~(align - 1);
}

}  // namespace tvp::sync
