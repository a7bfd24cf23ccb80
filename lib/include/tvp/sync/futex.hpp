// The two futex operations the blocking wait needs, on a 32-bit word in SHARED memory. The non-
// private variants are used on purpose: FUTEX_PRIVATE_FLAG keys the wait queue by the caller's
// address space, so a wake from the other process of a fork()ed pair would never find the sleeper.
#pragma once

#include <atomic>
#include <cstdint>

namespace tvp::sync {

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t) &&
                  std::atomic<std::uint32_t>::is_always_lock_free,
              "a futex word must be a plain, lock-free 32-bit integer in memory");

// Sleeps while `word` still holds `expected` (the kernel re-checks atomically). Returns on a wake,
// a signal, a spurious wake-up or when the value already differs: the caller re-checks its
// condition in every case.
void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected) noexcept;

// Wakes every sleeper on `word`, in any process that maps the same memory.
void futex_wake_all(std::atomic<std::uint32_t>& word) noexcept;

}  // namespace tvp::sync
