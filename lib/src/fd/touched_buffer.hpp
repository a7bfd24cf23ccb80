// An endpoint's message buffer, allocated before timing starts.
#pragma once

#include <cstddef>
#include <memory>

namespace tvp::fd {

// Value-initialised: every page is touched (faulted in) before the timed loop, not during it.
inline std::unique_ptr<std::byte[]> touched_buffer(std::size_t n) {
  return std::make_unique<std::byte[]>(n);
}

}  // namespace tvp::fd
