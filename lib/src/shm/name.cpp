#include "shm/name.hpp"

#include <unistd.h>

#include <atomic>

namespace tvp::shm {

std::string unique_shm_name(std::string_view kind) {
  static std::atomic<unsigned long> counter{0};
  return "tvp-" + std::string(kind) + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(counter.fetch_add(1, std::memory_order_relaxed));
}

ScopedShmName::ScopedShmName(std::string_view kind, Remover remove)
    : name_(unique_shm_name(kind)), remove_(remove) {
  remove_(name_.c_str());  // a leftover of a crashed run with the same pid must not be reopened
}

ScopedShmName::~ScopedShmName() { remove_(name_.c_str()); }

}  // namespace tvp::shm
