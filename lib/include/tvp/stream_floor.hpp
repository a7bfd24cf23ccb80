// The streaming floor: what it costs to move data from one CPU's cache to another's, with nothing
// else in the way. A producer writes every byte of a buffer once and a consumer reads every byte of
// it once, checking it, two buffers taking turns (double buffering, so filling and reading overlap
// as in a streaming transport). A transport whose sender writes a message and whose receiver reads
// it moves the same lines between the same caches, so this is its reference; memcpy on one CPU
// (floor/memcpy) never moves a line between caches. Not a strict ceiling: a transport with more
// buffers in flight can overlap more and pass it by a little.
//
// The buffers and counters live in an anonymous MAP_SHARED mapping made by the constructor, so the
// object works between threads and between a parent and a fork()ed child (create it before fork).
//
//   producer: produce(n) ... produce(n); drain();        consumer: consume(total, progress);
#pragma once

#include <boost/interprocess/mapped_region.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace tvp {

// The content of buffer `seq`: 64-bit word i (native byte order) is stream_word(seq, i), and a
// buffer whose size is not a multiple of 8 ends with the first bytes of stream_word(seq, words).
// Word i of two different buffers always differs (an odd multiplier is a bijection mod 2^64) and
// neighbouring words differ by one, so a stale buffer (the slot's previous one), a zeroed, shifted
// or partly written one fails the check word by word, where an XOR of the words (0 for any even
// number of equal words) did not. One add per word keeps the fill a plain streaming store.
constexpr std::uint64_t stream_word(std::uint64_t seq, std::uint64_t i) noexcept {
  return (seq + 1) * 0x9e3779b97f4a7c15ull + i;
}
// Writes buffer `seq`'s content into `buffer`, every byte once.
void fill_stream_buffer(std::span<std::byte> buffer, std::uint64_t seq) noexcept;
// Reads every byte of `buffer` once and compares it with buffer `seq`'s content. Throws
// VerifyError naming the buffer and the first wrong word.
void check_stream_buffer(std::span<const std::byte> buffer, std::uint64_t seq);

class CrossCoreStream {
 public:
  // REQUIRES: bytes >= 8. Throws SystemError/boost::interprocess errors if the mapping fails.
  explicit CrossCoreStream(std::size_t bytes);

  // Producer: fills the next `count` buffers (fill_stream_buffer), each after the consumer has read
  // the one that used its slot two buffers earlier. Throws ChannelClosed after abort().
  void produce(std::uint64_t count);
  // Producer: waits until the consumer has read every buffer produced so far.
  void drain();
  // Consumer: reads `total` buffers, checking each one's content (check_stream_buffer against its
  // sequence number), calling `progress` after each. Throws VerifyError, ChannelClosed.
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
