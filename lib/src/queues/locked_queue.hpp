// The textbook blocking queue: a bounded FIFO under one std::mutex, with a condition variable per
// waiting side. It carries the shared_ptr of the sharedptr_mutex transport by move, so a handoff
// never touches the message's reference count.
#pragma once

#include <atomic>
#include <boost/circular_buffer.hpp>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>

#include "tvp/error.hpp"

namespace tvp::queues {

// T: a movable, default-constructible value (std::shared_ptr<const Message>).
template <class T>
class LockedQueue {
 public:
  using value_type = T;

  // `what` names the transport in ChannelClosed messages. REQUIRES: capacity >= 1.
  LockedQueue(std::size_t capacity, const char* what) : ring_(capacity), what_(what) {}

  // Blocks while the queue is full. Throws ChannelClosed once close() was called (before or while
  // waiting); `v` is then left with the caller.
  void push(T&& v) {
    {
      std::unique_lock lock(mutex_);
      not_full_.wait(lock, [&] { return closed() || !ring_.full(); });
      throw_if_closed();
      ring_.push_back(std::move(v));
    }
    // After unlocking, so the woken consumer does not wake up only to block on a mutex we hold.
    not_empty_.notify_one();
  }

  // Blocks while the queue is empty. Throws ChannelClosed once the queue is closed AND empty: what
  // was sent before close() is still delivered (at most `capacity` values), as a socket delivers
  // an answer its peer sent just before dying.
  T pop() {
    T v;
    {
      std::unique_lock lock(mutex_);
      not_empty_.wait(lock, [&] { return closed() || !ring_.empty(); });
      if (ring_.empty()) throw_if_closed();
      v = std::move(ring_.front());
      ring_.pop_front();
    }
    not_full_.notify_one();
    return v;
  }

  // Wakes every waiter; every later push, and every pop on an empty queue, throws. Thread-safe,
  // called from a watchdog.
  void close() noexcept {
    std::lock_guard lock(mutex_);
    closed_.store(true, std::memory_order_relaxed);
    // Under the lock (unlike push/pop): the channel may be destroyed as soon as an aborted waiter
    // returns, and a notify after unlocking could then touch a destroyed condition variable.
    not_full_.notify_all();
    not_empty_.notify_all();
  }

  void throw_if_closed() const {
    if (closed()) throw ChannelClosed(std::string(what_) + ": channel aborted");
  }

 private:
  // Written only under the mutex (so a waiter cannot miss it between its check and its sleep), but
  // atomic so prepare() can check it without taking the lock. relaxed: it publishes no data.
  bool closed() const noexcept { return closed_.load(std::memory_order_relaxed); }

  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  boost::circular_buffer<T> ring_;  // fixed storage: no allocation per message, unlike a deque
  std::atomic<bool> closed_{false};
  const char* what_;
};

}  // namespace tvp::queues
