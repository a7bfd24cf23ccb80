// A framed single-producer single-consumer byte ring in shared memory.
//
// Memory layout of the storage (capacity C, a power of two):
//
//   [hdr|body..pad][hdr|body..pad][0  ....stale bytes of an older lap....][hdr(pad)| skipped ]
//    hdr = {uint32 body bytes, uint32 kind}, every frame 8-byte aligned;   ^ next header: zero
//
// The header is also the signal: the reader spins on the header word where the next frame will
// start, not on the writer's index, so a small message crosses as ONE cache line (header and body
// together) instead of an index line and then a data line. The header word is stored last, with
// release, so a reader that sees it also sees the body.
//
// A word of zero means "not yet". Before publishing a frame, the writer zeroes the header word
// just past it ("zero ahead"), so a reader that has seen a frame's header finds the next header
// position zero or already valid, never a header or body bytes left there by an older lap. That is
// why the writer waits for the frame PLUS one word to be free, and why a whole frame can take at
// most C - 8 bytes. A zero header is never valid (there is no kind 0). The writer also zeroes the
// whole next line just after publishing, while the reader is busy with the frame, so that the
// word ahead of a later frame rarely costs a line fetch before that frame's header store.
//
// A message whose frame fits is written as ONE contiguous `whole` frame (a `pad` frame skips the
// ring's tail end when it would straddle it), so the writer can hand out its body to be filled in
// place and the reader can hand out a view straight into the ring, freeing the space only on
// release(). A larger message streams through as `part` ... `last` frames of up to a quarter ring
// each, published one by one so that writer and reader copy concurrently; the reader reassembles it
// in its own (pre-touched) buffer.
#pragma once

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>
#include <memory>
#include <span>
#include <string>

#include "queues/spsc_indices.hpp"
#include "tvp/error.hpp"
#include "tvp/sync/cache_line.hpp"

namespace tvp::queues {

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
static_assert(std::atomic_ref<std::uint64_t>::is_always_lock_free,
              "frame headers are shared between processes: a lock-based atomic would not be");

constexpr std::uint64_t frame_bytes(std::uint64_t body) noexcept {
  return kHeaderBytes + sync::round_up(body, 8);
}

// Largest message written as one whole frame: its frame and the zeroed next header fit the ring.
constexpr std::uint64_t max_whole(std::uint64_t capacity) noexcept {
  return capacity - 2 * kHeaderBytes;
}

// Ring capacity for `window` messages of `max_message` bytes in flight: room for all of them plus
// one frame lost to padding at the wrap (which also covers the zeroed word ahead), rounded up to a
// power of two (an index becomes an offset with a mask), at least 64 KiB, at most 4 MiB (bigger
// messages stream in chunks).
constexpr std::uint64_t capacity_for(std::uint64_t max_message, std::uint64_t window) noexcept {
  const std::uint64_t want = (std::max<std::uint64_t>(window, 1) + 1) * frame_bytes(max_message);
  return std::clamp(std::bit_ceil(want), kMinCapacity, kMaxCapacity);
}

// The header word at `off` (8-byte aligned: the storage is, and every frame is a multiple of 8).
inline std::atomic_ref<std::uint64_t> header_at(std::byte* ring, std::uint64_t off) noexcept {
  return std::atomic_ref<std::uint64_t>(*reinterpret_cast<std::uint64_t*>(ring + off));
}

}  // namespace ring

template <class Wait>
class ByteRingWriter {
 public:
  // REQUIRES: storage.size() is a power of two >= 64 and 8-byte aligned; no reader uses it yet.
  ByteRingWriter(SpscIndices<Wait>& shared, std::span<std::byte> storage,
                 const sync::AbortFlag& aborted, const char* what) noexcept
      : prod_(shared, storage.size(), aborted, what), ring_(storage.data()), cap_(storage.size()) {
    // The reader's first header position must read "not yet" whatever the storage held.
    ring::header_at(ring_, 0).store(0, std::memory_order_relaxed);
  }

  std::size_t max_whole() const noexcept { return ring::max_whole(cap_); }

  // Reserves one whole frame and returns its body, inside the ring, to be filled and then published
  // by commit(); waits for space as needed. A second reserve() before commit() replaces the first.
  // Throws ChannelClosed on abort.
  // REQUIRES: 1 <= bytes <= max_whole().
  std::span<std::byte> reserve(std::size_t bytes) {
    prod_.throw_if_aborted();
    // A body handed out before may have been filled over the line zeroed ahead.
    if (reserved_ != 0) zeroed_line_ = kNoLine;
    reserved_ = 0;
    const std::uint64_t frame = ring::frame_bytes(bytes);
    if (to_end() < frame) pad_to_end();
    prod_.wait_free(frame + ring::kHeaderBytes);
    reserved_ = static_cast<std::uint32_t>(bytes);
    return {ring_ + offset() + ring::kHeaderBytes, bytes};
  }
  // Throws ChannelClosed once the channel is aborted, even after a reserve() that succeeded: a send
  // after abort must fail, as every other transport's does. REQUIRES: a reserve() since the last
  // commit().
  void commit() {
    prod_.throw_if_aborted();
    publish(ring::Kind::whole, reserved_);
    reserved_ = 0;
  }

  // Copies `msg` into the ring, waiting for space as needed. Throws ChannelClosed on abort.
  // REQUIRES: 1 <= msg.size() < 2^32.
  void write(std::span<const std::byte> msg) {
    if (msg.size() <= max_whole()) {
      std::memcpy(reserve(msg.size()).data(), msg.data(), msg.size());
      commit();
      return;
    }
    prod_.throw_if_aborted();
    // Too big for the ring: quarter-ring chunks keep both sides busy without waiting for a drain.
    for (std::size_t done = 0; done < msg.size();) {
      if (to_end() < 2 * ring::kHeaderBytes) {  // no room for a header and a body word
        pad_to_end();
        continue;
      }
      const std::uint64_t rest = ring::frame_bytes(msg.size() - done);
      prod_.wait_free(std::min({rest, cap_ / 4, to_end()}) + ring::kHeaderBytes);
      const std::uint64_t room = std::min(prod_.free() - ring::kHeaderBytes, to_end());
      const std::size_t chunk = std::min<std::uint64_t>(msg.size() - done, (room - 8) & ~7ull);
      std::memcpy(ring_ + offset() + ring::kHeaderBytes, msg.data() + done, chunk);
      const bool last = done + chunk == msg.size();
      publish(last ? ring::Kind::last : ring::Kind::part, static_cast<std::uint32_t>(chunk));
      done += chunk;
    }
  }

 private:
  std::uint64_t offset() const noexcept { return prod_.position() & (cap_ - 1); }
  std::uint64_t to_end() const noexcept { return cap_ - offset(); }

  void pad_to_end() {
    prod_.wait_free(to_end() + ring::kHeaderBytes);
    publish(ring::Kind::pad, 0);
  }

  // REQUIRES: the body is written; its frame plus one word are free, the frame contiguous.
  void publish(ring::Kind kind, std::uint32_t bytes) noexcept {
    const std::uint64_t off = offset();
    const std::uint64_t frame = kind == ring::Kind::pad ? cap_ - off : ring::frame_bytes(bytes);
    const std::uint64_t next = prod_.position() + frame;
    // relaxed: the release store of this frame's header below orders it before the reader's
    // first look at the next position. Skipped when that word lies in a line zeroed ahead: no
    // frame published since has reached it.
    if ((next & ~kLineMask) != zeroed_line_)
      ring::header_at(ring_, next & (cap_ - 1)).store(0, std::memory_order_relaxed);
    // release: body and the zero ahead happen before a reader that acquires this header.
    ring::header_at(ring_, off)
        .store(std::bit_cast<std::uint64_t>(ring::Header{bytes, kind}), std::memory_order_release);
    prod_.publish_in_band(frame);
    zero_next_line();
  }

  // After publishing, off the hand-over's critical path: zeroes the whole line after the one the
  // next header lies in, if it is free. Zeroing it in publish() instead, whenever a frame ends in
  // a new line, would make the header store wait (stores retire in order) for that line's
  // ownership to come back from the reader's cache. Not the next header's own line: the reader is
  // about to read this frame there, and a store now would take it away again.
  void zero_next_line() noexcept {
    const std::uint64_t line = (prod_.position() & ~kLineMask) + sync::kCacheLine;
    if (line == zeroed_line_ || line + sync::kCacheLine > prod_.position() + prod_.free()) return;
    for (std::uint64_t at = line; at < line + sync::kCacheLine; at += ring::kHeaderBytes)
      ring::header_at(ring_, at & (cap_ - 1)).store(0, std::memory_order_relaxed);
    zeroed_line_ = line;
  }

  static constexpr std::uint64_t kLineMask = sync::kCacheLine - 1;
  static constexpr std::uint64_t kNoLine = ~std::uint64_t{0};

  SpscProducer<Wait> prod_;
  std::byte* ring_;
  std::uint64_t cap_;
  std::uint32_t reserved_ = 0;  // body bytes handed out by reserve(), 0 after commit()
  // Index of a line zeroed ahead (see zero_next_line()); its words that no frame has covered since
  // are still zero.
  std::uint64_t zeroed_line_ = kNoLine;
};

template <class Wait>
class ByteRingReader {
 public:
  // REQUIRES: as for the writer; max_message < 2^32. Allocates (and touches) a reassembly buffer
  // only if a max_message frame does not fit in the ring.
  ByteRingReader(SpscIndices<Wait>& shared, std::span<std::byte> storage, std::size_t max_message,
                 const sync::AbortFlag& aborted, const char* what)
      : cons_(shared, aborted, what),
        ring_(storage.data()),
        cap_(storage.size()),
        max_(max_message),
        what_(what) {
    // value-initialised: every page touched now, not in the first timed receive.
    if (max_ > ring::max_whole(cap_)) assembly_ = std::make_unique<std::byte[]>(max_);
  }

  // Blocks for the next message. The view points into the ring when the message arrived as one
  // frame, else into the reassembly buffer; it stays valid until release(). Throws ChannelClosed
  // on abort, VerifyError on a malformed frame.
  std::span<const std::byte> read() {
    release();  // a caller that skipped release() must not pin the ring for ever
    cons_.throw_if_aborted();
    std::size_t assembled = 0;
    for (;;) {
      const std::uint64_t off = cons_.position() & (cap_ - 1);
      const auto word = ring::header_at(ring_, off);
      // acquire: pairs with the writer's release of this header (see the file comment).
      std::uint64_t w = word.load(std::memory_order_acquire);
      if (w == 0) cons_.wait_for([&] { return (w = word.load(std::memory_order_acquire)) != 0; });
      const auto h = std::bit_cast<ring::Header>(w);
      if (h.kind == ring::Kind::pad) {
        check(h.bytes == 0, h, off);
        cons_.consume(cap_ - off);
        continue;
      }
      const std::uint64_t frame = ring::frame_bytes(h.bytes);
      check(h.bytes > 0 && frame <= cap_ - off && frame + ring::kHeaderBytes <= cap_, h, off);
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

}  // namespace tvp::queues
