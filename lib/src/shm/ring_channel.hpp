// The shm_ring family: two SPSC byte rings (one per direction) in one anonymous shared mapping.
// The wait policy is the only difference between shm_ring (spin, then yield) and shm_ring_wait
// (brief spin, then futex sleep); each of those transports is one factory instantiating this.
//
// Copies: a message that fits the ring as one frame is filled in place, prepare() handing out its
// body inside the ring, and read in place (no copy at all: the sender's fill and the receiver's
// read are the only passes over it). A larger one is filled into a private staging buffer and
// streamed in chunks, copied into the ring and out again into the receiver's buffer.
#pragma once

#include <memory>
#include <new>

#include "queues/spsc_byte_ring.hpp"
#include "shm/message_limits.hpp"
#include "shm/region.hpp"
#include "tvp/transport.hpp"

namespace tvp::shm {

template <class Wait>
class ShmRingChannel final : public Channel {
 public:
  ShmRingChannel(const ChannelOptions& o, const char* what)
      : cap_((require_options(o, what), queues::ring::capacity_for(o.max_message_bytes, o.window))),
        region_(round_up(sizeof(Shared), kPageBytes) + 2 * cap_),
        shared_(new (region_.data()) Shared()) {
    std::byte* storage = region_.data() + round_up(sizeof(Shared), kPageBytes);
    const std::span<std::byte> ab{storage, cap_}, ba{storage + cap_, cap_};
    a_ = std::make_unique<End>(shared_->ab, ab, shared_->ba, ba, o.max_message_bytes,
                               shared_->aborted, what);
    b_ = std::make_unique<End>(shared_->ba, ba, shared_->ab, ab, o.max_message_bytes,
                               shared_->aborted, what);
  }

  Endpoint& a() override { return *a_; }
  Endpoint& b() override { return *b_; }
  void abort() noexcept override {
    shared_->aborted.raise();
    queues::wake_all(shared_->ab);
    queues::wake_all(shared_->ba);
  }

 private:
  struct Shared {
    sync::AbortFlag aborted;
    queues::SpscIndices<Wait> ab, ba;
  };

  // Own cache line(s): in the thread model both endpoints live in this process's heap, and their
  // cached indices must not share a line.
  class alignas(sync::kCacheLine) End final : public Endpoint {
   public:
    End(queues::SpscIndices<Wait>& out, std::span<std::byte> out_ring,
        queues::SpscIndices<Wait>& in, std::span<std::byte> in_ring, std::size_t max_message,
        const sync::AbortFlag& aborted, const char* what)
        : writer_(out, out_ring, aborted, what),
          reader_(in, in_ring, max_message, aborted, what),
          // value-initialised = touched; only for messages that must stream
          staging_(max_message > writer_.max_whole() ? std::make_unique<std::byte[]>(max_message)
                                                     : nullptr),
          max_(max_message),
          what_(what) {}

    std::span<std::byte> prepare(std::size_t bytes) override {
      require_message_size(bytes, max_, what_);
      staged_ = 0;  // a throwing reserve() leaves nothing to send
      if (bytes <= writer_.max_whole()) {
        const auto body = writer_.reserve(bytes);
        staged_ = bytes;
        return body;
      }
      staged_ = bytes;
      return {staging_.get(), bytes};
    }
    // The size alone says where prepare() put the body: reserved in the ring, or in staging_.
    void send() override {
      if (staged_ <= writer_.max_whole())
        writer_.commit();
      else
        writer_.write({staging_.get(), staged_});
    }
    std::span<const std::byte> receive() override { return reader_.read(); }
    void release() override { reader_.release(); }

   private:
    queues::ByteRingWriter<Wait> writer_;
    queues::ByteRingReader<Wait> reader_;
    std::unique_ptr<std::byte[]> staging_;
    std::size_t max_, staged_ = 0;
    const char* what_;
  };

  std::uint64_t cap_;
  ShmRegion region_;  // outlives the endpoints (declared before them)
  Shared* shared_;
  std::unique_ptr<End> a_, b_;
};

}  // namespace tvp::shm
