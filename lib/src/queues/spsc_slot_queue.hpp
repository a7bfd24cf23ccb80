// A single-producer single-consumer queue of small trivially-copyable values (handles) in shared
// memory: the byte ring's index logic (spsc_indices.hpp) over an array of slots.
#pragma once

#include <span>
#include <type_traits>

#include "queues/spsc_indices.hpp"

namespace tvp::queues {

template <class T, class Wait>
class SlotQueueProducer {
  static_assert(std::is_trivially_copyable_v<T>,
                "slots are shared between processes: only trivially copyable values may cross");

 public:
  // REQUIRES: slots.size() is a power of two (an index becomes a slot with a mask).
  SlotQueueProducer(SpscIndices<Wait>& shared, std::span<T> slots, const sync::AbortFlag& aborted,
                    const char* what) noexcept
      : prod_(shared, slots.size(), aborted, what), slots_(slots.data()), mask_(slots.size() - 1) {}

  // Waits for a free slot. Throws ChannelClosed on abort.
  void push(const T& value) {
    prod_.wait_free(1);
    slots_[prod_.position() & mask_] = value;
    prod_.publish(1);
  }

 private:
  SpscProducer<Wait> prod_;
  T* slots_;
  std::uint64_t mask_;
};

template <class T, class Wait>
class SlotQueueConsumer {
 public:
  SlotQueueConsumer(SpscIndices<Wait>& shared, std::span<T> slots, const sync::AbortFlag& aborted,
                    const char* what) noexcept
      : cons_(shared, aborted, what), slots_(slots.data()), mask_(slots.size() - 1) {}

  // Waits for a value. Throws ChannelClosed on abort.
  T pop() {
    cons_.wait_available(1);
    return take();
  }
  // Never blocks: false if the queue is empty.
  bool try_pop(T& out) noexcept {
    if (cons_.poll() == 0) return false;
    out = take();
    return true;
  }

 private:
  T take() noexcept {
    const T value = slots_[cons_.position() & mask_];
    cons_.consume(1);
    return value;
  }

  SpscConsumer<Wait> cons_;
  T* slots_;
  std::uint64_t mask_;
};

}  // namespace tvp::queues
