#include "tvp/stream_floor.hpp"

#include <atomic>
#include <boost/interprocess/anonymous_shared_memory.hpp>
#include <cstdio>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "tvp/error.hpp"
#include "tvp/sync/abort_flag.hpp"
#include "tvp/sync/spin_wait.hpp"

namespace tvp {
namespace {

constexpr std::size_t kControlBytes = 4096;  // the counters' page; buffers start page-aligned

std::size_t round_up_64(std::size_t n) { return (n + 63) & ~std::size_t{63}; }

// Two words at a time (GCC/Clang vector extension; SSE2 on any x86-64): 16-byte stores and loads.
// In a cross-core probe on the 2-vCPU reference VM, a fill of one 8-byte store at a time streamed
// at ~0.6x the memset it replaced (likely: eight stores per line occupy the store buffer longer
// than memset's wide ones), two at a time was within the noise of memset. The floor must not get
// slower by being checked.
using Pair = std::uint64_t __attribute__((vector_size(16)));
constexpr Pair kStep = {2, 2};

std::string hex(std::uint64_t v) {
  char text[19];
  std::snprintf(text, sizeof text, "0x%016llx", static_cast<unsigned long long>(v));
  return text;
}

// The error path only: finds the first wrong word again, to name it.
std::string first_mismatch(std::span<const std::byte> buffer, std::uint64_t seq) {
  const std::size_t words = buffer.size() / 8, tail = buffer.size() % 8;
  for (std::size_t i = 0; i <= words; ++i) {
    const std::size_t n = i < words ? 8 : tail;
    if (n == 0) break;
    const std::uint64_t full = stream_word(seq, i);
    std::uint64_t got = 0, want = 0;  // a tail's bytes only, the rest zero
    std::memcpy(&got, buffer.data() + 8 * i, n);
    std::memcpy(&want, &full, n);
    if (got != want)
      return "word " + std::to_string(i) + " of " + std::to_string(words + (tail ? 1 : 0)) +
             " is " + hex(got) + ", expected " + hex(want) + (n < 8 ? " (first bytes)" : "");
  }
  return "no word differs on a second read (changed while it was checked)";
}

}  // namespace

void fill_stream_buffer(std::span<std::byte> buffer, std::uint64_t seq) noexcept {
  const std::size_t words = buffer.size() / 8, tail = buffer.size() % 8;
  std::byte* p = buffer.data();
  Pair w = {stream_word(seq, 0), stream_word(seq, 1)};
  for (std::size_t i = 0; i + 2 <= words; i += 2, w += kStep) std::memcpy(p + 8 * i, &w, 16);
  for (std::size_t i = words & ~std::size_t{1}; i < words; ++i) {  // an odd last word
    const std::uint64_t last = stream_word(seq, i);
    std::memcpy(p + 8 * i, &last, 8);
  }
  if (tail) {
    const std::uint64_t last = stream_word(seq, words);
    std::memcpy(p + 8 * words, &last, tail);
  }
}

void check_stream_buffer(std::span<const std::byte> buffer, std::uint64_t seq) {
  const std::size_t words = buffer.size() / 8, tail = buffer.size() % 8;
  const std::byte* p = buffer.data();
  // Every word is compared, but the differences are ORed and tested once per buffer: no branch in
  // the loop, so the read stays a plain stream of loads, as wide as the fill's stores.
  Pair want = {stream_word(seq, 0), stream_word(seq, 1)}, diffs = {0, 0};
  for (std::size_t i = 0; i + 2 <= words; i += 2, want += kStep) {
    Pair got;
    std::memcpy(&got, p + 8 * i, 16);
    diffs |= got ^ want;
  }
  std::uint64_t diff = diffs[0] | diffs[1];
  for (std::size_t i = words & ~std::size_t{1}; i < words; ++i) {
    std::uint64_t got;
    std::memcpy(&got, p + 8 * i, 8);
    diff |= got ^ stream_word(seq, i);
  }
  if (tail) {
    const std::uint64_t last = stream_word(seq, words);
    if (std::memcmp(p + 8 * words, &last, tail) != 0) diff = 1;
  }
  if (diff != 0)
    throw VerifyError("cross-core stream: buffer " + std::to_string(seq) + " (" +
                      std::to_string(buffer.size()) +
                      " bytes) is not what was written: " + first_mismatch(buffer, seq));
}

struct CrossCoreStream::Control {
  alignas(64) std::atomic<std::uint64_t> filled{0};   // buffers produced (written by producer)
  alignas(64) std::atomic<std::uint64_t> drained{0};  // buffers read (written by consumer)
  sync::AbortFlag aborted;                            // own cache line
};

CrossCoreStream::CrossCoreStream(std::size_t bytes)
    : bytes_(bytes),
      region_(boost::interprocess::anonymous_shared_memory(kControlBytes +
                                                           kSlots * round_up_64(bytes))),
      control_(new (region_.get_address()) Control()) {
  static_assert(sizeof(Control) <= kControlBytes, "the counters must fit their page");
  if (bytes < 8) throw std::invalid_argument("CrossCoreStream: buffers of at least 8 bytes");
  // Touch every page now, not in the first timed fill; with bytes no buffer a run reaches holds.
  std::memset(slot(0), 0xa5, kSlots * round_up_64(bytes));
}

std::byte* CrossCoreStream::slot(std::uint64_t k) const noexcept {
  return static_cast<std::byte*>(region_.get_address()) + kControlBytes +
         (k % kSlots) * round_up_64(bytes_);
}

template <class Ready>
void CrossCoreStream::wait_until(Ready ready) const {
  // The transports' bounded spin, then yield: both parties may share one CPU.
  if (sync::spin_then_yield(sync::kPauseSpins, sync::kYieldForever, control_->aborted, ready) !=
      sync::Spun::ready)
    throw ChannelClosed("cross-core stream aborted");
}

void CrossCoreStream::produce(std::uint64_t count) {
  for (std::uint64_t n = 0; n < count; ++n, ++produced_) {
    const std::uint64_t k = produced_;
    // acquire: the consumer's reads of this slot's previous buffer are over before we overwrite.
    wait_until([&] { return k - control_->drained.load(std::memory_order_acquire) < kSlots; });
    fill_stream_buffer({slot(k), bytes_}, k);
    control_->filled.store(k + 1, std::memory_order_release);  // publishes the buffer
  }
}

void CrossCoreStream::drain() {
  wait_until([&] { return control_->drained.load(std::memory_order_acquire) == produced_; });
}

void CrossCoreStream::consume(std::uint64_t total, const std::function<void()>& progress) {
  for (std::uint64_t k = 0; k < total; ++k) {
    // acquire: pairs with produce()'s release, so the whole buffer is visible.
    wait_until([&] { return control_->filled.load(std::memory_order_acquire) > k; });
    check_stream_buffer({slot(k), bytes_}, k);
    control_->drained.store(k + 1, std::memory_order_release);  // frees the slot
    if (progress) progress();
  }
}

void CrossCoreStream::abort() noexcept { control_->aborted.raise(); }

}  // namespace tvp
