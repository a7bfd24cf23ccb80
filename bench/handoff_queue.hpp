// A typed single-producer single-consumer queue between two threads, for the families that hand
// over C++ objects rather than bytes (ownership: raw/unique/shared pointers; structured:
// std::shared_ptr<const Record>). The registry's sharedptr_spsc transport carries byte messages
// behind the Endpoint interface, so it cannot vary the pointer type. boost::lockfree::spsc_queue
// 1.74 cannot hold a move-only type (its destructor copies the leftovers out), hence this ring.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "tvp/error.hpp"
#include "tvp/spin_wait.hpp"

namespace tvp::bench {

// T: default-constructible and movable. Exactly one thread pushes and one pops; close() may come
// from any thread.
template <class T>
class HandoffQueue {
 public:
  // `what` names the queue in ChannelClosed messages. REQUIRES: capacity >= 1.
  HandoffQueue(std::size_t capacity, std::string what)
      : slots_(capacity + 1), what_(std::move(what)) {}

  // Waits while full. Throws ChannelClosed after close() (then `v` stays with the caller).
  void push(T&& v) {
    const std::size_t w = write_.load(std::memory_order_relaxed);
    const std::size_t next = w + 1 == slots_.size() ? 0 : w + 1;
    // acquire: the consumer has finished moving the slot out before we overwrite it.
    wait([&] { return next != read_.load(std::memory_order_acquire); });
    slots_[w] = std::move(v);
    write_.store(next, std::memory_order_release);  // publishes the slot
  }

  // Waits while empty. Throws ChannelClosed after close().
  T pop() {
    const std::size_t r = read_.load(std::memory_order_relaxed);
    // acquire: pairs with push's release, so the slot (and what it points to) is visible.
    wait([&] { return r != write_.load(std::memory_order_acquire); });
    T v = std::move(slots_[r]);  // a moved-from smart pointer is empty: the slot keeps no owner
    read_.store(r + 1 == slots_.size() ? 0 : r + 1, std::memory_order_release);
    return v;
  }

  // Every waiting and later push/pop throws. Thread-safe (a peer's watchdog calls it).
  void close() noexcept { closed_.closed.store(true, std::memory_order_release); }

 private:
  // The shared-memory transports' own wait (SpinYieldWait: kPauseSpins pauses, then yield), so
  // that a thread baseline and the transports it is compared with wait alike.
  template <class Ready>
  void wait(Ready&& ready) {
    if (spin_then_yield(kPauseSpins, kYieldForever, closed_, ready) != Spun::ready)
      throw ChannelClosed(what_ + ": closed");
  }

  // The closed flag in the shape spin_then_yield() polls.
  struct ClosedFlag {
    std::atomic<bool> closed{false};
    bool raised() const noexcept { return closed.load(std::memory_order_acquire); }
  };

  std::vector<T> slots_;  // one more than the capacity: full and empty must differ
  // Each index on its own cache line: the producer writes one, the consumer the other.
  alignas(64) std::atomic<std::size_t> write_{0};
  alignas(64) std::atomic<std::size_t> read_{0};
  alignas(64) ClosedFlag closed_;
  std::string what_;
};

}  // namespace tvp::bench
