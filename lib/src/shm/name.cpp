#include "shm/name.hpp"

#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "tvp/error.hpp"

namespace tvp::shm {

std::uint64_t random_suffix() {
  std::uint64_t v = 0;
  // 8 bytes from the urandom pool never come back short once it is initialised; a call before
  // that (early boot) blocks, which is better than a guessable name.
  for (;;) {
    const ssize_t n = ::getrandom(&v, sizeof v, 0);
    if (n == static_cast<ssize_t>(sizeof v)) return v;
    if (n < 0 && errno != EINTR) throw_errno("getrandom (shared-memory name)");
  }
}

std::string shm_name(std::string_view kind, std::uint64_t suffix) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(suffix));
  return "tvp-" + std::string(kind) + "-" + std::to_string(::getpid()) + "-" + hex;
}

ScopedShmName::ScopedShmName(std::string name, Remover remove) noexcept
    : name_(std::move(name)), remove_(remove) {}

ScopedShmName::~ScopedShmName() { remove_(name_.c_str()); }

ScopedShmName create_unique(std::string_view kind, ScopedShmName::Remover remove,
                            const std::function<bool(const char* name)>& create,
                            const SuffixSource& next_suffix) {
  std::string name;
  for (int attempt = 0; attempt < kNameAttempts; ++attempt) {
    name = shm_name(kind, next_suffix());
    if (create(name.c_str())) return ScopedShmName(std::move(name), remove);
  }
  throw SystemError("/dev/shm/" + name + ": " + std::to_string(kNameAttempts) +
                        " fresh names were all in use (objects planted under our pid?)",
                    EEXIST);
}

}  // namespace tvp::shm
