// A channel's "aborted" flag. It lives in the channel's shared mapping, so abort() called from the
// watchdog in one process stops blocked and future operations in the peer process as well.
#pragma once

#include <atomic>
#include <string>

#include "tvp/error.hpp"
#include "tvp/sync/cache_line.hpp"

namespace tvp::sync {

static_assert(std::atomic<bool>::is_always_lock_free,
              "the abort flag is shared between processes: a lock-based atomic would not be");

[[noreturn]] inline void throw_aborted(const char* what) {
  throw ChannelClosed(std::string(what) + ": channel aborted");
}

// Own cache line: both sides read it on every operation, and it is written once, so it stays in
// the shared state in both caches instead of bouncing with an index.
class alignas(kCacheLine) AbortFlag {
 public:
  // release/acquire: whatever the aborting side wrote before raising is visible to a side that
  // sees the flag (the futex wake-up protocol in wait_policy.hpp relies on the same ordering).
  void raise() noexcept { raised_.store(true, std::memory_order_release); }
  bool raised() const noexcept { return raised_.load(std::memory_order_acquire); }
  void throw_if_raised(const char* what) const {
    if (raised()) throw_aborted(what);
  }

 private:
  std::atomic<bool> raised_{false};
};

}  // namespace tvp::sync
