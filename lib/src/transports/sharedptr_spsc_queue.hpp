// A bounded single-producer single-consumer queue for the sharedptr_spsc transport:
// boost::lockfree::spsc_queue (wait-free try-push/try-pop on two cache-line-separated indices) plus
// a waiting policy from wait_policy.hpp — by default a bounded pause-spin, then yield, so two
// threads pinned to one CPU still make progress.
#pragma once

#include <boost/lockfree/spsc_queue.hpp>
#include <cstddef>
#include <iterator>
#include <utility>

#include "abort_flag.hpp"
#include "wait_policy.hpp"

namespace tvp::sharedptr {

// T: a movable, default-constructible value (std::shared_ptr<const Message>). Exactly one thread
// pushes and one thread pops; close() may come from any thread.
template <class T, class Wait = shm::SpinYieldWait>
class SpscQueue {
 public:
  using value_type = T;

  // `what` names the transport in ChannelClosed messages. REQUIRES: capacity >= 1.
  SpscQueue(std::size_t capacity, const char* what) : ring_(capacity), what_(what) {}

  // Waits while the queue is full. Throws ChannelClosed once close() was called (before or while
  // waiting); `v` is then left with the caller.
  void push(T&& v) {
    closed_.throw_if_raised(what_);
    // Boost 1.74's push(const T&) copies: for a shared_ptr that is an atomic increment here and a
    // decrement when our copy dies, racing the consumer on the control block. The range overload
    // constructs the slot with std::uninitialized_copy, which move-constructs from a move_iterator.
    const auto first = std::make_move_iterator(&v);
    if (!Wait::wait(not_full_, closed_, [&] { return ring_.push(first, first + 1) != first; }))
      shm::throw_aborted(what_);
    Wait::notify(not_empty_);
  }

  // Waits while the queue is empty. Throws ChannelClosed once the queue is closed AND empty: what
  // was sent before close() is still delivered (at most `capacity` values), as a socket delivers
  // an answer its peer sent just before dying.
  T pop() {
    T v;
    // consume_one hands us the slot itself, so the value moves out (pop(T&) would copy it).
    const auto take = [&] { return ring_.consume_one([&](T& slot) { v = std::move(slot); }); };
    // The wait gives up as soon as it sees the flag. One more look catches a value pushed before
    // close() that its last try missed: the flag's acquire makes such a push visible.
    if (!Wait::wait(not_empty_, closed_, take) && !take()) shm::throw_aborted(what_);
    Wait::notify(not_full_);
    return v;
  }

  // Wakes every waiter; every later push, and every pop on an empty queue, throws. Thread-safe,
  // called from a watchdog.
  void close() noexcept {
    closed_.raise();
    Wait::wake_all(not_full_);
    Wait::wake_all(not_empty_);
  }

  void throw_if_closed() const { closed_.throw_if_raised(what_); }

 private:
  boost::lockfree::spsc_queue<T> ring_;  // capacity fixed at run time, storage allocated once
  shm::AbortFlag closed_;                // own cache line: read on every operation, written once
  typename Wait::Event not_empty_, not_full_;
  const char* what_;
};

}  // namespace tvp::sharedptr
