// A framed single-producer single-consumer byte ring in shared memory.
//
// Memory layout of the storage (capacity C, a power of two):
//
//   [hdr|body..pad][hdr|body..pad][hdr(pad)| skipped to the end ]   <- wraps to offset 0
//    hdr = {uint32 body bytes, uint32 kind}, every frame 8-byte aligned
//
// A message whose frame fits in the ring is written as ONE contiguous `whole` frame (a `pad`
// frame skips the ring's tail end when it would straddle it), so the reader can hand out a view
// straight into the ring and free the space only on release(). A larger message streams through
// as `part` ... `last` frames of up to a quarter ring each, published one by one so that writer and
// reader copy concurrently; the reader reassembles it in its own (pre-touched) buffer.
//
// Each frame is published with one release store covering header and body, so a reader that sees
// a header also sees the whole frame.
#pragma once

#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <span>
#include <string>

#include "shm_region.hpp"
#include "spsc_indices.hpp"
#include "tvp/error.hpp"

namespace tvp::shm {

namespace ring {

inline constexpr std::uint64_t kHeaderBytes = 8;
inline constexpr std::uint64_t kMinCapacity = 64 * 1024;
inline constexpr std::uint64_t kMaxCapacity = 4u << 20;

enum class Kind : std::uint32_t { whole = 1, part = 2, last = 3, pad = 4 };

struct Header {
  std::uint32_t bytes;  // body bytes (0 for pad)
  Kind kind;
};
static_assert(sizeof(Header) == kHeaderBytes, "the frame header must be exactly 8 bytes");

constexpr std::uint64_t frame_bytes(std::uint64_t body) noexcept {
  return kHeaderBytes + round_up(body, 8);
}

// Ring capacity for `window` messages of `max_message` bytes in flight: room for all of them plus
// one frame lost to padding at the wrap, rounded up to a power of two (an index becomes an offset
// with a mask), at least 64 KiB, at most 4 MiB (bigger messages stream in chunks).
constexpr std::uint64_t capacity_for(std::uint64_t max_message, std::uint64_t window) noexcept {
  const std::uint64_t want = (std::max<std::uint64_t>(window, 1) + 1) * frame_bytes(max_message);
  return std::clamp(std::bit_ceil(want), kMinCapacity, kMaxCapacity);
}

}  // namespace ring

template <class Wait>
class ByteRingWriter {
 public:
  // REQUIRES: storage.size() is a power of two >= 64 and 8-byte aligned.
  ByteRingWriter(SpscIndices<Wait>& shared, std::span<std::byte> storage, const AbortFlag& aborted,
                 const char* what) noexcept
      : prod_(shared, storage.size(), aborted, what), ring_(storage.data()), cap_(storage.size()) {}

  // Copies `msg` into the ring, waiting for space as needed. Throws ChannelClosed on abort.
  // REQUIRES: 1 <= msg.size() < 2^32.
  void write(std::span<const std::byte> msg) {
    prod_.throw_if_aborted();
    if (ring::frame_bytes(msg.size()) <= cap_) {
      if (to_end() < ring::frame_bytes(msg.size())) pad_to_end();
      prod_.wait_free(ring::frame_bytes(msg.size()));
      put(ring::Kind::whole, msg);
      return;
    }
    // Too big for the ring: quarter-ring chunks keep both sides busy without waiting for a drain.
    for (std::size_t done = 0; done < msg.size();) {
      if (to_end() < 2 * ring::kHeaderBytes) {  // no room for a header and a body word
        pad_to_end();
        continue;
      }
      const std::uint64_t rest = ring::frame_bytes(msg.size() - done);
      prod_.wait_free(std::min({rest, cap_ / 4, to_end()}));
      const std::uint64_t room = std::min(prod_.free(), to_end());
      const std::size_t chunk = std::min<std::uint64_t>(msg.size() - done, (room - 8) & ~7ull);
      const bool last = done + chunk == msg.size();
      put(last ? ring::Kind::last : ring::Kind::part, msg.subspan(done, chunk));
      done += chunk;
    }
  }

 private:
  std::uint64_t offset() const noexcept { return prod_.position() & (cap_ - 1); }
  std::uint64_t to_end() const noexcept { return cap_ - offset(); }

  void pad_to_end() {
    const std::uint64_t n = to_end();
    prod_.wait_free(n);
    const ring::Header h{0, ring::Kind::pad};
    std::memcpy(ring_ + offset(), &h, sizeof h);
    prod_.publish(n);
  }

  // REQUIRES: frame_bytes(body.size()) bytes free and contiguous at offset().
  void put(ring::Kind kind, std::span<const std::byte> body) noexcept {
    std::byte* at = ring_ + offset();
    const ring::Header h{static_cast<std::uint32_t>(body.size()), kind};
    std::memcpy(at, &h, sizeof h);
    std::memcpy(at + ring::kHeaderBytes, body.data(), body.size());
    prod_.publish(ring::frame_bytes(body.size()));
  }

  SpscProducer<Wait> prod_;
  std::byte* ring_;
  std::uint64_t cap_;
};

template <class Wait>
class ByteRingReader {
 public:
  // REQUIRES: as for the writer; max_message < 2^32. Allocates (and touches) a reassembly buffer
  // only if a max_message frame does not fit in the ring.
  ByteRingReader(SpscIndices<Wait>& shared, std::span<std::byte> storage, std::size_t max_message,
                 const AbortFlag& aborted, const char* what)
      : cons_(shared, aborted, what),
        ring_(storage.data()),
        cap_(storage.size()),
        max_(max_message),
        what_(what) {
    // value-initialised: every page touched now, not in the first timed receive.
    if (ring::frame_bytes(max_) > cap_) assembly_ = std::make_unique<std::byte[]>(max_);
  }

  // Blocks for the next message. The view points into the ring when the message arrived as one
  // frame, else into the reassembly buffer; it stays valid until release(). Throws ChannelClosed
  // on abort, VerifyError on a malformed frame.
  std::span<const std::byte> read() {
    release();  // a caller that skipped release() must not pin the ring for ever
    cons_.throw_if_aborted();
    std::size_t assembled = 0;
    for (;;) {
      cons_.wait_available(ring::kHeaderBytes);
      const std::uint64_t off = cons_.position() & (cap_ - 1);
      ring::Header h;
      std::memcpy(&h, ring_ + off, sizeof h);
      if (h.kind == ring::Kind::pad) {
        check(h.bytes == 0 && cap_ - off <= cons_.available(), h, off);
        cons_.consume(cap_ - off);
        continue;
      }
      const std::uint64_t frame = ring::frame_bytes(h.bytes);
      // A published header implies its whole frame is published (see the file comment).
      check(h.bytes > 0 && frame <= cap_ - off && frame <= cons_.available(), h, off);
      if (h.kind == ring::Kind::whole) {
        check(assembled == 0 && h.bytes <= max_, h, off);
        pending_ = frame;
        return {ring_ + off + ring::kHeaderBytes, h.bytes};
      }
      check((h.kind == ring::Kind::part || h.kind == ring::Kind::last) && assembly_ &&
                h.bytes <= max_ - assembled,
            h, off);
      std::memcpy(assembly_.get() + assembled, ring_ + off + ring::kHeaderBytes, h.bytes);
      assembled += h.bytes;
      cons_.consume(frame);
      if (h.kind == ring::Kind::last) return {assembly_.get(), assembled};
    }
  }

  // Frees the ring space of a message viewed in place; a no-op after a reassembled one.
  void release() noexcept {
    if (pending_ == 0) return;
    cons_.consume(pending_);
    pending_ = 0;
  }

 private:
  void check(bool ok, const ring::Header& h, std::uint64_t off) const {
    if (ok) return;
    throw VerifyError(
        std::string(what_) + ": malformed ring frame at offset " + std::to_string(off) + " (kind " +
        std::to_string(static_cast<std::uint32_t>(h.kind)) + ", " + std::to_string(h.bytes) +
        " bytes, max message " + std::to_string(max_) + ", ring " + std::to_string(cap_) + ")");
  }

  SpscConsumer<Wait> cons_;
  std::byte* ring_;
  std::uint64_t cap_;
  std::size_t max_;
  const char* what_;
  std::uint64_t pending_ = 0;  // ring bytes held by the message handed out in place
  std::unique_ptr<std::byte[]> assembly_;
};

}  // namespace tvp::shm
