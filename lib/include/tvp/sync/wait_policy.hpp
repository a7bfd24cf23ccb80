// How a side of a shared-memory queue waits for the other: a template parameter of the queue
// (atomic_queue style), so spinning and blocking share every other line of code.
//
// A policy provides
//   struct Event;                                   // lives in the shared mapping
//   static bool wait(Event&, const AbortFlag&, Ready ready);
//       // returns true once ready() holds, false once the flag is raised
//   static void notify(Event&) noexcept;            // after publishing what ready() looks at
//   static void wake_all(Event&) noexcept;          // after raising the abort flag
// ready() is called repeatedly and must re-read the shared state it depends on.
#pragma once

#include <sched.h>

#include <atomic>
#include <cstdint>

#include "tvp/sync/abort_flag.hpp"
#include "tvp/sync/futex.hpp"
#include "tvp/sync/spin_wait.hpp"
#include "tvp/sync/yield_backoff.hpp"

namespace tvp::sync {

// Bounded spin, then sched_yield() for ever: never sleeps in the kernel, so the lowest hand-over
// latency when each side has its own CPU, while two sides pinned to ONE CPU still make progress
// (the yield lets the peer run instead of burning the rest of the time slice).
struct SpinYieldWait {
  struct Event {};  // nobody ever sleeps: nothing to share

  template <class Ready>
  static bool wait(Event&, const AbortFlag& aborted, Ready&& ready) {
    return spin_then_yield(kPauseSpins, kYieldForever, aborted, ready) == Spun::ready;
  }
  static void notify(Event&) noexcept {}
  static void wake_all(Event&) noexcept {}
};

// Brief spin, a few yields, then sleep on a futex in the shared mapping. The yields (~0.3-0.5 us
// each when the CPU has nothing else to run) stretch the wait before sleeping to about the cost of
// a futex wake-up on a VM (~5-10 us): with the spin alone, one late reply put a side to sleep, its
// wake-up made the other side's wait too long as well, and a cross-core ping-pong settled at the
// pipe's ~12 us instead of ~1 us. On a shared CPU a yield hands it to the peer at once.
//
// But a yield is cheap only while nothing else wants the CPU. With another runnable task on it (a
// build), each yield costs that task's slice, the reply usually arrives during one of them, and
// neither side ever sleeps to be woken at once: measured on the 2-vCPU VM with two busy loops per
// CPU (cross_core, 64 B), round trips of 12-25 ms (median), the fault trials' "hangs", against
// 17 us over a pipe and 1-10 us once a slow yield stops the yields (YieldBackoff, whose comment has
// the rule). An idle machine never sees a slow yield, so the fast path is unchanged there.
//
// `sleepers` lets notify() skip the syscall whenever nobody sleeps, so the fast path costs one
// uncontended atomic RMW. Lost wake-ups are excluded by two read-modify-writes on the same word,
// `sleepers`, instead of fences (which ThreadSanitizer does not model): the waiter's increment and
// the notifier's fetch_add(0) are ordered in that word's modification order. If the notifier comes
// second it reads the increment and wakes; if it comes first, the waiter's acq_rel increment reads
// from it, so everything the notifier published before notify() is visible to the waiter's
// ready(). `seq` closes the remaining window between ready() and the sleep: the kernel only
// sleeps while seq still holds the value read before ready(), and every wake bumps it first.
struct FutexWait {
  static constexpr long kYields = 16;
  struct Event {
    std::atomic<std::uint32_t> seq{0};
    std::atomic<std::uint32_t> sleepers{0};
  };

  template <class Ready>
  static bool wait(Event& e, const AbortFlag& aborted, Ready&& ready) {
    Spun spun = spin_then_yield(kPauseSpins, 0, aborted, ready);
    if (spun == Spun::gave_up) spun = yield_while_cpu_idle(aborted, ready);
    switch (spun) {
      case Spun::ready:
        return true;
      case Spun::aborted:
        return false;
      case Spun::gave_up:
        break;
    }
    for (;;) {
      e.sleepers.fetch_add(1, std::memory_order_acq_rel);
      const std::uint32_t seen = e.seq.load(std::memory_order_acquire);
      const bool is_ready = ready();
      const bool is_aborted = !is_ready && aborted.raised();
      if (!is_ready && !is_aborted) futex_wait(e.seq, seen);
      e.sleepers.fetch_sub(1, std::memory_order_relaxed);
      if (is_ready) return true;
      if (is_aborted) return false;
    }
  }

  static void notify(Event& e) noexcept {
    if (e.sleepers.fetch_add(0, std::memory_order_acq_rel) != 0) wake_all(e);
  }

  // release: a sleeper that reads the new seq also sees the state (or abort flag) published first.
  static void wake_all(Event& e) noexcept {
    e.seq.fetch_add(1, std::memory_order_release);
    futex_wake_all(e.seq);
  }

 private:
  using Clock = YieldBackoff::Clock;
  // Per thread, not per event: whether yielding pays is a property of the CPU the thread runs on.
  static inline thread_local YieldBackoff backoff_;

  // Up to kYields sched_yield()s, checking ready() and the flag after each; stops at the first slow
  // one. Returns gave_up at once during a pause. Two clock reads per yield (vDSO) against
  // ~300-500 ns for the yield itself.
  template <class Ready>
  static Spun yield_while_cpu_idle(const AbortFlag& aborted, Ready& ready) {
    YieldBackoff& b = backoff_;
    Clock::rep before = Clock::now().time_since_epoch().count();
    if (!b.may_yield(before)) return Spun::gave_up;
    for (long i = 0; i < kYields; ++i) {
      ::sched_yield();
      const Clock::rep after = Clock::now().time_since_epoch().count();
      const bool slow = b.record(before, after);
      if (ready()) return Spun::ready;
      if (aborted.raised()) return Spun::aborted;
      if (slow) return Spun::gave_up;
      before = after;
    }
    return Spun::gave_up;
  }
};

}  // namespace tvp::sync
