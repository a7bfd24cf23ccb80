// Names for the few shared-memory objects that cannot be anonymous (boost message_queue), and the
// RAII owner that removes a name again. A name is "tvp-<kind>-<pid>-<16 hex digits>": the pid says
// whose it is (the fault tests look for "tvp-<kind>-<their pid>-" leftovers), the 64 random bits
// from getrandom() make it unguessable, so nobody can plant an object under it in advance.
//
// An object is created exclusively (O_EXCL) by the caller, mode 0600. A name that already exists
// belongs to someone else (or to a crashed run of ours) and is never opened or removed: the next
// suffix is tried instead. Leftovers of a crashed tvp run can only appear if it was killed in the
// microseconds between creating an object and removing its name (below); they are not deleted
// automatically -- `rm /dev/shm/tvp-*` while no tvp process runs.
//
// Intended use: create the object and map it while the owner is alive, then let the owner remove
// the name right away, before any fork. The mapping stays valid in both processes, and nothing
// can be left in /dev/shm even if a process is SIGKILLed later.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace tvp::shm {

// 64 bits from getrandom(). Throws SystemError if the kernel has none to give.
std::uint64_t random_suffix();
// Where the suffixes come from: random_suffix, or a fixed sequence in a test.
using SuffixSource = std::function<std::uint64_t()>;

// "tvp-<kind>-<our pid>-<suffix as 16 lower-case hex digits>".
std::string shm_name(std::string_view kind, std::uint64_t suffix);

// Names tried before create_unique() gives up: with random suffixes a second one is only needed
// if someone planted objects under our pid's prefix.
inline constexpr int kNameAttempts = 16;

class ScopedShmName {
 public:
  using Remover = bool (*)(const char* name);  // e.g. boost::interprocess::message_queue::remove

  // Takes ownership of `name`, whose object the caller has just created: removed in the destructor.
  ScopedShmName(std::string name, Remover remove) noexcept;
  ~ScopedShmName();
  ScopedShmName(const ScopedShmName&) = delete;
  ScopedShmName& operator=(const ScopedShmName&) = delete;

  const char* c_str() const noexcept { return name_.c_str(); }

 private:
  std::string name_;
  Remover remove_;
};

// Calls create(name) with fresh names of `kind` until it returns true, and returns the owner of
// that name. create must create the object exclusively (O_EXCL: Boost's create_only) and return
// false if the name already exists -- that object is left alone; other failures it throws.
// Throws SystemError(EEXIST) naming the last name tried after kNameAttempts names in use.
ScopedShmName create_unique(std::string_view kind, ScopedShmName::Remover remove,
                            const std::function<bool(const char* name)>& create,
                            const SuffixSource& next_suffix = random_suffix);

}  // namespace tvp::shm
