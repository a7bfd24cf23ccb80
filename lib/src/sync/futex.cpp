#include "tvp/sync/futex.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>

namespace tvp::sync {
namespace {
long futex(std::atomic<std::uint32_t>& word, int op, std::uint32_t val) noexcept {
  // The kernel reads the word itself; std::atomic<uint32_t> is layout-compatible (static_assert in
  // the header).
  return ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), op, val, nullptr, nullptr,
                   0);
}
}  // namespace

void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected) noexcept {
  // EAGAIN (value changed) and EINTR are both "go and look again" for the caller.
  (void)futex(word, FUTEX_WAIT, expected);
}

void futex_wake_all(std::atomic<std::uint32_t>& word) noexcept {
  (void)futex(word, FUTEX_WAKE, static_cast<std::uint32_t>(INT_MAX));
}

}  // namespace tvp::sync
