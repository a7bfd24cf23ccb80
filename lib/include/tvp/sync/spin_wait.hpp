// The bounded spin, then yield, that every spinning wait in tvp is made of: the wait policies
// (tvp/sync/wait_policy.hpp) of the queues under the transports and bench's thread baselines, the
// cache-line floor (floor_probe.cpp) and the stream floor, so all sides of a comparison wait alike.
#pragma once

#include <sched.h>

namespace tvp::sync {

// Tells the core it is in a spin loop: frees pipeline resources for a sibling hyper-thread and
// avoids the memory-order mis-speculation penalty when the awaited line finally changes.
inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#endif
}

enum class Spun { ready, aborted, gave_up };
inline constexpr long kYieldForever = -1;

// `spins` pause instructions, then `yields` sched_yield() calls (kYieldForever: no limit),
// checking ready() and the abort flag before each. Flag: anything with `bool raised() const`.
template <class Flag, class Ready>
Spun spin_then_yield(long spins, long yields, const Flag& aborted, Ready& ready) {
  for (long i = 0; yields == kYieldForever || i < spins + yields; ++i) {
    if (ready()) return Spun::ready;
    if (aborted.raised()) return Spun::aborted;
    if (i < spins)
      cpu_relax();
    else
      ::sched_yield();
  }
  return Spun::gave_up;
}

// 64 pauses are ~3.5 us where a pause takes ~55 ns (Skylake and later; measured on the dev VM),
// ~0.5 us on older cores: long enough to catch a cross-core reply in flight, short enough that a
// peer pinned to the SAME CPU is not kept waiting a whole spin before we yield to it (1024 spins
// made a same-core 64-byte round trip ~45 us instead of ~5 us).
inline constexpr long kPauseSpins = 64;

}  // namespace tvp::sync
