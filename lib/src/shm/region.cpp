#include "shm/region.hpp"

#include <pthread.h>
#include <sys/mman.h>

#include <boost/interprocess/anonymous_shared_memory.hpp>
#include <boost/interprocess/exceptions.hpp>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "tvp/error.hpp"

namespace tvp::shm {
namespace {

// Maps every page of [addr, addr + bytes) writable in the calling process without changing its
// content (the peer may already have written there).
void populate(std::byte* addr, std::size_t bytes) noexcept {
  if (::madvise(addr, bytes, MADV_POPULATE_WRITE) == 0) return;
  // EINVAL before Linux 5.15. A read fault on a shared (shmem) mapping maps the page writable
  // too, as nothing needs to track its first write.
  for (std::size_t off = 0; off < bytes; off += kPageBytes)
    (void)*static_cast<volatile const std::byte*>(addr + off);
}

// Why a fork handler: after fork() a child has no page-table entries for a MAP_SHARED mapping
// until it touches each page, so a forked peer took a minor fault (~1.5 us on the reference VM)
// for every ring page it first reached inside its timed loop -- 13 to 16 per trial at 8-64 B
// messages, whose warm-up does not go round a 64 KiB ring -- where a peer thread, sharing the
// creator's page tables, takes none. Populating in the child right after fork covers every fork
// path without each caller having to remember it, and costs before the peer's start handshake.
class LiveRegions {
 public:
  static LiveRegions& get() {
    // Never destroyed: a fork may come during static destruction.
    static LiveRegions* const live = new LiveRegions();
    return *live;
  }
  void add(std::byte* addr, std::size_t bytes) {
    const std::lock_guard lock(mu_);
    regions_.emplace_back(addr, bytes);
  }
  void remove(std::byte* addr) noexcept {
    const std::lock_guard lock(mu_);
    std::erase_if(regions_, [addr](const auto& r) { return r.first == addr; });
  }

 private:
  LiveRegions() {
    // prepare locks so that the child never inherits the list half-updated by another thread.
    ::pthread_atfork([] { get().mu_.lock(); }, [] { get().mu_.unlock(); },
                     [] {
                       LiveRegions& l = get();
                       for (const auto& [addr, bytes] : l.regions_) populate(addr, bytes);
                       l.mu_.unlock();
                     });
  }

  std::mutex mu_;
  std::vector<std::pair<std::byte*, std::size_t>> regions_;
};

}  // namespace

ShmRegion::ShmRegion(std::size_t bytes) {
  try {
    region_ = boost::interprocess::anonymous_shared_memory(bytes);
  } catch (const boost::interprocess::interprocess_exception& e) {
    throw SystemError("anonymous shared mapping of " + std::to_string(bytes) + " bytes",
                      e.get_native_error());
  }
  // Writing (not just reading) every page makes the kernel allocate it now; the mapping is
  // already zero, so this changes no content.
  std::memset(region_.get_address(), 0, region_.get_size());
  LiveRegions::get().add(data(), size());
}

ShmRegion::~ShmRegion() { LiveRegions::get().remove(data()); }

}  // namespace tvp::shm
