#include "tvp/stream_floor.hpp"

#include <boost/interprocess/anonymous_shared_memory.hpp>
#include <atomic>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "transports/wait_policy.hpp"
#include "tvp/error.hpp"

namespace tvp {
namespace {

constexpr std::size_t kControlBytes = 4096;  // the counters' page; buffers start page-aligned

std::size_t round_up_64(std::size_t n) { return (n + 63) & ~std::size_t{63}; }

// Every byte of buffer k holds k's low byte: memset fills it at full speed, and the XOR of its
// 64-bit words (what the consumer computes, reading each byte once) is known in advance.
std::uint64_t word_of(std::uint64_t k) noexcept { return (k & 0xff) * 0x0101010101010101ull; }

}  // namespace

struct CrossCoreStream::Control {
  alignas(64) std::atomic<std::uint64_t> filled{0};   // buffers produced (written by producer)
  alignas(64) std::atomic<std::uint64_t> drained{0};  // buffers read (written by consumer)
  shm::AbortFlag aborted;                             // own cache line
};

CrossCoreStream::CrossCoreStream(std::size_t bytes)
    : bytes_(bytes),
      region_(boost::interprocess::anonymous_shared_memory(kControlBytes +
                                                           kSlots * round_up_64(bytes))),
      control_(new (region_.get_address()) Control()) {
  static_assert(sizeof(Control) <= kControlBytes, "the counters must fit their page");
  if (bytes < 8) throw std::invalid_argument("CrossCoreStream: buffers of at least 8 bytes");
  // Touch every page now, not in the first timed fill; a value no buffer sequence starts with.
  std::memset(slot(0), 0xa5, kSlots * round_up_64(bytes));
}

std::byte* CrossCoreStream::slot(std::uint64_t k) const noexcept {
  return static_cast<std::byte*>(region_.get_address()) + kControlBytes +
         (k % kSlots) * round_up_64(bytes_);
}

template <class Ready>
void CrossCoreStream::wait_until(Ready ready) const {
  // The transports' bounded spin, then yield: both parties may share one CPU.
  if (shm::spin_then_yield(shm::kPauseSpins, shm::kYieldForever, control_->aborted, ready) !=
      shm::Spun::ready)
    throw ChannelClosed("cross-core stream aborted");
}

void CrossCoreStream::produce(std::uint64_t count) {
  for (std::uint64_t n = 0; n < count; ++n, ++produced_) {
    const std::uint64_t k = produced_;
    // acquire: the consumer's reads of this slot's previous buffer are over before we overwrite.
    wait_until([&] { return k - control_->drained.load(std::memory_order_acquire) < kSlots; });
    std::memset(slot(k), static_cast<int>(k & 0xff), bytes_);
    control_->filled.store(k + 1, std::memory_order_release);  // publishes the buffer
  }
}

void CrossCoreStream::drain() {
  wait_until([&] { return control_->drained.load(std::memory_order_acquire) == produced_; });
}

void CrossCoreStream::consume(std::uint64_t total, const std::function<void()>& progress) {
  const std::size_t words = bytes_ / 8;
  for (std::uint64_t k = 0; k < total; ++k) {
    // acquire: pairs with produce()'s release, so the whole buffer is visible.
    wait_until([&] { return control_->filled.load(std::memory_order_acquire) > k; });
    const std::byte* p = slot(k);
    std::uint64_t x = 0;
    for (std::size_t i = 0; i < words; ++i) {
      std::uint64_t w;
      std::memcpy(&w, p + 8 * i, 8);
      x ^= w;
    }
    for (std::size_t i = 8 * words; i < bytes_; ++i) x ^= std::to_integer<std::uint64_t>(p[i]);
    const std::uint64_t tail = bytes_ - 8 * words;  // bytes outside whole words: XORed singly
    std::uint64_t want = (words & 1) ? word_of(k) : 0;
    if (tail & 1) want ^= k & 0xff;
    if (x != want)
      throw VerifyError("cross-core stream: buffer " + std::to_string(k) +
                        " does not hold its sequence byte everywhere");
    control_->drained.store(k + 1, std::memory_order_release);  // frees the slot
    if (progress) progress();
  }
}

void CrossCoreStream::abort() noexcept { control_->aborted.raise(); }

}  // namespace tvp
