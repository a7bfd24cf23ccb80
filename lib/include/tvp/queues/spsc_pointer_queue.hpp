// THE single-producer single-consumer queue of movable values (pointers) between two threads in
// tvp: the sharedptr_spsc transport's, and the thread baselines bench compares with it (the
// ownership/ and structured/ families hand raw, unique and shared pointers through it), so both
// sides of such a comparison queue and wait alike. A ring of slots where each slot carries its own
// sequence number (D. Vyukov's bounded queue, reduced to one producer and one consumer, so plain
// loads and stores instead of read-modify-writes), plus a waiting policy from
// tvp/sync/wait_policy.hpp — by default a bounded pause-spin, then yield, so two threads pinned to
// one CPU still make progress. Public because bench uses it too.
//
// Why not a library: boost::lockfree::spsc_queue reads the other side's index on every push and
// pop, so a hand-over moves the write-index line, the read-index line and the slot line;
// atomic_queue's AtomicQueue2 keeps the slot states in an array apart from the elements (two lines
// per slot) and its try_push/try_pop read both indices too; readerwriterqueue orders with
// standalone fences, which ThreadSanitizer does not model.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <utility>

#include "tvp/sync/abort_flag.hpp"
#include "tvp/sync/cache_line.hpp"
#include "tvp/sync/wait_policy.hpp"

namespace tvp::queues {

// T: a movable value (std::shared_ptr<const Message>, std::unique_ptr<X>, X*). Exactly one thread
// pushes and one thread pops; close() may come from any thread.
template <class T, class Wait = sync::SpinYieldWait>
class SpscPointerQueue {
 public:
  using value_type = T;

  // `what` names the transport (or queue) in ChannelClosed messages. REQUIRES: capacity >= 1.
  SpscPointerQueue(std::size_t capacity, std::string what)
      : slots_(std::make_unique<Slot[]>(capacity)), capacity_(capacity), what_(std::move(what)) {
    for (std::size_t i = 0; i < capacity; ++i)
      slots_[i].seq.store(free_for(i), std::memory_order_relaxed);  // published by the thread start
  }

  SpscPointerQueue(const SpscPointerQueue&) = delete;
  SpscPointerQueue& operator=(const SpscPointerQueue&) = delete;

  // Both sides have stopped (the owner joined them): what is still queued dies with the queue.
  ~SpscPointerQueue() {
    for (std::size_t i = 0; i < capacity_; ++i)
      if (slots_[i].seq.load(std::memory_order_relaxed) & 1) std::destroy_at(slots_[i].value());
  }

  // Waits while the queue is full. Throws ChannelClosed once close() was called (before or while
  // waiting); `v` is then left with the caller.
  void push(T&& v) {
    closed_.throw_if_raised(what_.c_str());
    Slot& s = slots_[prod_.index];
    const std::uint64_t free = free_for(prod_.position);
    // acquire: the consumer moved the previous value out before it marked the slot free.
    if (!Wait::wait(not_full_, closed_,
                    [&] { return s.seq.load(std::memory_order_acquire) == free; }))
      sync::throw_aborted(what_.c_str());
    std::construct_at(s.value(), std::move(v));
    s.seq.store(free + 1, std::memory_order_release);  // publishes the value
    prod_.advance(capacity_);
    Wait::notify(not_empty_);
  }

  // Waits while the queue is empty. Throws ChannelClosed once the queue is closed AND empty: what
  // was sent before close() is still delivered (at most `capacity` values), as a socket delivers
  // an answer its peer sent just before dying.
  T pop() {
    Slot& s = slots_[cons_.index];
    const std::uint64_t full = free_for(cons_.position) + 1;
    // acquire: pairs with push's release, so the value (and what it points to) is visible.
    const auto ready = [&] { return s.seq.load(std::memory_order_acquire) == full; };
    // The wait gives up as soon as it sees the flag. One more look catches a value pushed before
    // close() that its last try missed: the flag's acquire makes such a push visible.
    if (!Wait::wait(not_empty_, closed_, ready) && !ready()) sync::throw_aborted(what_.c_str());
    T v(std::move(*s.value()));
    std::destroy_at(s.value());
    // release: our move-out happens before the producer constructs the next lap's value here.
    s.seq.store(free_for(cons_.position + capacity_), std::memory_order_release);
    cons_.advance(capacity_);
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

  void throw_if_closed() const { closed_.throw_if_raised(what_.c_str()); }

 private:
  // A slot is free for position p while seq == 2p and holds p's value while seq == 2p + 1, so the
  // producer of p + capacity waits for 2(p + capacity): the slot signals by itself, and a
  // hand-over moves this one line instead of an index line, a slot line and the other index.
  // The low bit tells the destructor which slots hold a value, whatever the capacity.
  static constexpr std::uint64_t free_for(std::uint64_t position) noexcept { return 2 * position; }

  // Own cache line per slot: the sequence and the value travel together, and neighbouring slots
  // (a wider window) do not bounce between the two sides.
  struct alignas(sync::kCacheLine) Slot {
    std::atomic<std::uint64_t> seq{0};
    alignas(T) std::byte storage[sizeof(T)];
    T* value() noexcept { return std::launder(reinterpret_cast<T*>(storage)); }
  };

  // Each side's position, touched by that side only: on its own line, so it never moves.
  struct alignas(sync::kCacheLine) Cursor {
    std::uint64_t position = 0;
    std::size_t index = 0;  // position % capacity, without a division on the hot path
    void advance(std::size_t capacity) noexcept {
      ++position;
      if (++index == capacity) index = 0;
    }
  };

  std::unique_ptr<Slot[]> slots_;
  std::size_t capacity_;
  std::string what_;  // read only on the way out (a throw): off the hot lines
  Cursor prod_, cons_;
  sync::AbortFlag closed_;  // own cache line: read on every operation, written once
  typename Wait::Event not_empty_, not_full_;
};

}  // namespace tvp::queues
