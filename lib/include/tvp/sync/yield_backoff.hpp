// When a waiter may still sched_yield() before it sleeps (FutexWait in wait_policy.hpp), as a
// small state machine over plain clock ticks so that its rule is tested without a busy machine
// (tests/unit/yield_backoff_test.cpp).
//
// A yield on a CPU nobody else wants returns in under a microsecond. One that let a CPU-bound task
// run takes at least that task's slice (>= 0.75 ms), and EEVDF charges the yielder for it: a waiter
// that keeps yielding on a busy CPU sits behind the other task instead of being woken, as a sleeper
// would be. So a slow yield (kSlowYield: far from both, and above a short kernel worker's turn)
// stops the yields for a pause; the pause doubles while each probe after it is slow again
// (kMinPause..kMaxPause), and a quick yield resets it. An idle CPU never sees a slow yield.
#pragma once

#include <algorithm>
#include <chrono>

namespace tvp::sync {

class YieldBackoff {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::microseconds kSlowYield{50};
  static constexpr std::chrono::milliseconds kMinPause{1};
  static constexpr std::chrono::milliseconds kMaxPause{128};

  // Whether a wait starting at `now` may yield at all (false during a pause).
  [[nodiscard]] bool may_yield(Clock::rep now) const noexcept { return now >= resume_at_; }

  // Records one yield that began at `before` and returned at `after`; returns true when it was slow,
  // i.e. this wait should stop yielding.
  bool record(Clock::rep before, Clock::rep after) noexcept {
    if (Clock::duration(after - before) <= kSlowYield) {
      pause_ = 0;  // nothing else wanted the CPU: it is ours again
      return false;
    }
    const Clock::rep min = Clock::duration(kMinPause).count();
    const Clock::rep max = Clock::duration(kMaxPause).count();
    pause_ = pause_ == 0 ? min : std::min(2 * pause_, max);
    resume_at_ = after + pause_;
    return true;
  }

  [[nodiscard]] Clock::duration pause() const noexcept { return Clock::duration(pause_); }

 private:
  // Constant-initialised, so a thread_local YieldBackoff needs no initialisation guard.
  Clock::rep resume_at_ = 0;  // no yields before this
  Clock::rep pause_ = 0;      // the current back-off, 0 while yields come back quickly
};

}  // namespace tvp::sync
