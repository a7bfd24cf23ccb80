// The index logic of a single-producer single-consumer queue in shared memory, shared by the byte
// ring (units = bytes) and the handle queues (units = slots). rigtorp/SPSCQueue's layout: the two
// indices on separate cache lines, and each side keeping a private copy of the other side's index,
// so the other side's line is only fetched when the cached value says "full" or "empty".
//
// Indices count units since creation and never wrap (2^64 bytes at 100 GB/s is 5 years); the
// position in the storage is index % capacity.
#pragma once

#include <atomic>
#include <cstdint>

#include "tvp/sync/abort_flag.hpp"
#include "tvp/sync/cache_line.hpp"

namespace tvp::queues {

static_assert(std::atomic<std::uint64_t>::is_always_lock_free,
              "queue indices are shared between processes: a lock-based atomic would not be");

// The shared half; lives in the shared mapping and is constructed once, before the fork.
template <class Wait>
struct SpscIndices {
  // The producer's line: the producer writes head and notifies `readable` together, and the
  // consumer reads the line only when its cached head says "empty". (The byte ring publishes in
  // band instead and leaves head at 0; it uses only `readable` here.)
  alignas(sync::kCacheLine) std::atomic<std::uint64_t> head{0};
  typename Wait::Event readable;
  // The consumer's line, symmetrically.
  alignas(sync::kCacheLine) std::atomic<std::uint64_t> tail{0};
  typename Wait::Event writable;
};

// One side's private half (process-local memory): its own index, a cached copy of the other
// side's, and the events it notifies and waits on. The producer owns head and waits on
// `writable`; the consumer owns tail and waits on `readable`.
template <class Wait>
class SpscSide {
 public:
  // Every operation starts here: after abort() even one that would not wait must fail.
  void throw_if_aborted() const { aborted_->throw_if_raised(what_); }
  std::uint64_t position() const noexcept { return mine_; }

  // Waits until ready() holds, for a side that learns of the other's progress from the data itself
  // (the byte ring's frame headers) rather than from its index. Throws ChannelClosed on abort.
  template <class Ready>
  void wait_for(Ready ready) {
    if (ready()) return;
    if (!Wait::wait(*wait_on_, *aborted_, ready)) sync::throw_aborted(what_);
  }

 protected:
  using Event = typename Wait::Event;
  SpscSide(std::atomic<std::uint64_t>& mine, Event& notify,
           const std::atomic<std::uint64_t>& theirs, Event& wait_on, const sync::AbortFlag& aborted,
           const char* what) noexcept
      : mine_shared_(&mine),
        notify_(&notify),
        theirs_(&theirs),
        wait_on_(&wait_on),
        aborted_(&aborted),
        what_(what) {}

  // acquire: pairs with the other side's release in advance(), so the units it wrote (producer)
  // or finished reading (consumer) before advancing are safe for us to read or overwrite.
  void refresh() noexcept { theirs_cache_ = theirs_->load(std::memory_order_acquire); }

  // Waits until enough() holds, re-reading the other side's index while it does not. Throws
  // ChannelClosed if the channel is aborted.
  template <class Enough>
  void wait_until(Enough enough) {
    if (enough()) return;
    const bool ok = Wait::wait(*wait_on_, *aborted_, [&] {
      refresh();
      return enough();
    });
    if (!ok) sync::throw_aborted(what_);
  }

  // Hands `n` more units to the other side.
  void advance(std::uint64_t n) noexcept {
    mine_ += n;
    // release: our writes to (or reads of) those units happen before the other side sees them.
    mine_shared_->store(mine_, std::memory_order_release);
    Wait::notify(*notify_);
  }

  // Moves our index without storing it: for units the other side learns of in band (see
  // publish_in_band()); it only wakes a sleeper.
  void advance_in_band(std::uint64_t n) noexcept {
    mine_ += n;
    Wait::notify(*notify_);
  }

  std::uint64_t mine_ = 0;
  std::uint64_t theirs_cache_ = 0;

 private:
  std::atomic<std::uint64_t>* mine_shared_;
  Event* notify_;
  const std::atomic<std::uint64_t>* theirs_;
  Event* wait_on_;
  const sync::AbortFlag* aborted_;
  const char* what_;
};

template <class Wait>
class SpscProducer : public SpscSide<Wait> {
 public:
  SpscProducer(SpscIndices<Wait>& s, std::uint64_t capacity, const sync::AbortFlag& aborted,
               const char* what) noexcept
      : SpscSide<Wait>(s.head, s.readable, s.tail, s.writable, aborted, what), cap_(capacity) {}

  // Free units as far as this side knows (the truth may be more, never less).
  std::uint64_t free() const noexcept { return cap_ - (this->mine_ - this->theirs_cache_); }
  // REQUIRES: n <= capacity.
  void wait_free(std::uint64_t n) {
    this->wait_until([&] { return free() >= n; });
  }
  // Hands the next `n` units (already written) to the consumer.
  void publish(std::uint64_t n) noexcept { this->advance(n); }
  // Hands the next `n` units to a consumer that sees them in the data itself and waits with
  // wait_for(): `head` stays untouched, so the consumer never has to fetch the producer's line.
  void publish_in_band(std::uint64_t n) noexcept { this->advance_in_band(n); }

 private:
  std::uint64_t cap_;
};

template <class Wait>
class SpscConsumer : public SpscSide<Wait> {
 public:
  SpscConsumer(SpscIndices<Wait>& s, const sync::AbortFlag& aborted, const char* what) noexcept
      : SpscSide<Wait>(s.tail, s.writable, s.head, s.readable, aborted, what) {}

  // Published units as far as this side knows (the truth may be more, never less).
  std::uint64_t available() const noexcept { return this->theirs_cache_ - this->mine_; }
  // Published units, re-reading the producer's index only if the cache shows none. Never blocks.
  std::uint64_t poll() noexcept {
    if (available() == 0) this->refresh();
    return available();
  }
  void wait_available(std::uint64_t n) {
    this->wait_until([&] { return available() >= n; });
  }
  // Hands the next `n` units (fully read) back to the producer.
  void consume(std::uint64_t n) noexcept { this->advance(n); }
};

// After raising the abort flag: wakes whoever sleeps on either side of the queue.
template <class Wait>
void wake_all(SpscIndices<Wait>& s) noexcept {
  Wait::wake_all(s.readable);
  Wait::wake_all(s.writable);
}

}  // namespace tvp::queues
