// Names for the few shared-memory objects that cannot be anonymous (boost message_queue), and the
// RAII owner that guarantees the name is gone again: "tvp-<kind>-<pid>-<counter>", unique within
// the machine while the process lives, removed before creation (a stale object from a crashed run
// that reused the pid) and when the owner goes out of scope.
//
// Intended use: create the object and map it while the owner is alive, then let the owner remove
// the name right away, before any fork. The mapping stays valid in both processes, and nothing
// can be left in /dev/shm even if a process is SIGKILLed later.
#pragma once

#include <string>
#include <string_view>

namespace tvp::shm {

// "tvp-<kind>-<pid>-<n>" with n counting up per process.
std::string unique_shm_name(std::string_view kind);

class ScopedShmName {
 public:
  using Remover = bool (*)(const char* name);  // e.g. boost::interprocess::message_queue::remove

  ScopedShmName(std::string_view kind, Remover remove);
  ~ScopedShmName();
  ScopedShmName(const ScopedShmName&) = delete;
  ScopedShmName& operator=(const ScopedShmName&) = delete;

  const char* c_str() const noexcept { return name_.c_str(); }

 private:
  std::string name_;
  Remover remove_;
};

}  // namespace tvp::shm
