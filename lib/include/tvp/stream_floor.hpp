// The streaming floor: what it costs to move data from one CPU's cache to another's, with nothing
// else in the way. A producer fills a buffer with memset and a consumer reads every byte of it once,
// two buffers taking turns (double buffering, so filling and reading overlap as in a streaming
// transport). A transport whose sender writes a message and whose receiver reads it moves the same
// lines between the same caches, so this is its reference; memcpy on one CPU (floor/memcpy) never
// moves a line between caches. Not a strict ceiling: a transport with more buffers in flight can
// overlap more and pass it by a little.
//
// The buffers and counters live in an anonymous MAP_SHARED mapping made by the constructor, so the
// object works between threads and between a parent and a fork()ed child (create it before fork).
//
//   producer: produce(n) ... produce(n); drain();        consumer: consume(total, progress);
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include <boost/interprocess/mapped_region.hpp>

namespace tvp {

class CrossCoreStream {
 public:
  // REQUIRES: bytes >= 8. Throws SystemError/boost::interprocess errors if the mapping fails.
  explicit CrossCoreStream(std::size_t bytes);

  // Producer: fills the next `count` buffers, each after the consumer has read the one that used
  // its slot two buffers earlier. Throws ChannelClosed after abort().
  void produce(std::uint64_t count);
  // Producer: waits until the consumer has read every buffer produced so far.
  void drain();
  // Consumer: reads `total` buffers, checking each one's content (every byte is the buffer's
  // sequence number modulo 256), calling `progress` after each. Throws VerifyError, ChannelClosed.
  void consume(std::uint64_t total, const std::function<void()>& progress);
  // Any thread or process: every current and future wait throws ChannelClosed. Must not throw.
  void abort() noexcept;

 private:
  struct Control;  // the counters and the abort flag, at the start of the mapping
  static constexpr std::uint64_t kSlots = 2;

  // Spins, then yields, until ready() holds; throws ChannelClosed once aborted.
  template <class Ready>
  void wait_until(Ready ready) const;
  std::byte* slot(std::uint64_t k) const noexcept;

  std::size_t bytes_;
  boost::interprocess::mapped_region region_;
  Control* control_;
  std::uint64_t produced_ = 0;  // the producer's own count (its process only)
};

}  // namespace tvp
