// An anonymous MAP_SHARED mapping with every page touched: no name (nothing can be left in
// /dev/shm), inherited by fork()ed children at the same address, and no first-touch page faults
// inside a timed loop, neither in the process that created it nor in a child forked while it lives.
#pragma once

#include <boost/interprocess/mapped_region.hpp>
#include <cstddef>
#include <cstdint>

#include "tvp/sync/cache_line.hpp"

namespace tvp::shm {

class ShmRegion {
 public:
  // Throws SystemError if the mapping cannot be created.
  explicit ShmRegion(std::size_t bytes);
  ~ShmRegion();
  // Not movable: the fork handler knows a live region by its address (shm/region.cpp).
  ShmRegion(const ShmRegion&) = delete;
  ShmRegion& operator=(const ShmRegion&) = delete;

  std::byte* data() const noexcept { return static_cast<std::byte*>(region_.get_address()); }
  std::size_t size() const noexcept { return region_.get_size(); }

 private:
  boost::interprocess::mapped_region region_;
};

inline constexpr std::size_t kPageBytes = 4096;
using sync::round_up;  // the mapping's layouts round to pages with it

}  // namespace tvp::shm
