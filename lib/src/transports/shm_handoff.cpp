// shm_handoff: zero-copy hand-over through shared memory. The sender allocates each message in a
// Boost.Interprocess managed segment (managed_external_buffer on an anonymous shared mapping: no
// name), writes it in place (prepare() returns that memory), and send() passes only a handle
// (offset in the segment + size) through an SPSC queue of handles; the receiver reads the message
// in place, and release() passes the handle back through a return queue.
//
//   a ──fwd_ab: {offset, bytes}──▶ b        segment ab: allocated and freed by a only
//   a ◀──ret_ab: offset────────── b
//   (and the mirror image for b → a)
//
// Only the sender ever touches its segment's allocator (it frees returned blocks at its next
// prepare()), so the allocator needs no lock at all (null_mutex_family): no non-robust
// interprocess mutex that a dead peer could leave locked, no lock traffic on the hot path.
// Not pooled: every message is a real best-fit allocate/deallocate, which is part of what this
// transport measures. Waits spin, then yield (as shm_ring), so the two differ in the copies, the
// allocation and the handle's return trip only.
#include <algorithm>
#include <bit>
#include <boost/interprocess/indexes/iset_index.hpp>
#include <boost/interprocess/managed_external_buffer.hpp>
#include <boost/interprocess/mem_algo/rbtree_best_fit.hpp>
#include <boost/interprocess/sync/mutex_family.hpp>
#include <new>
#include <stdexcept>
#include <string>

#include "queues/spsc_slot_queue.hpp"
#include "shm/message_limits.hpp"
#include "shm/region.hpp"
#include "tvp/sync/wait_policy.hpp"
#include "tvp/transport.hpp"

namespace tvp::transports {
namespace {

namespace bip = boost::interprocess;
using queues::SpscIndices;
using sync::AbortFlag;
using Wait = sync::SpinYieldWait;
using Segment =
    bip::basic_managed_external_buffer<char, bip::rbtree_best_fit<bip::null_mutex_family>,
                                       bip::iset_index>;

constexpr std::uint64_t kMinHandleSlots = 64;
constexpr std::uint64_t kBlockOverhead = 64;        // allocator header + alignment, generously
constexpr std::uint64_t kSegmentSlack = 64 * 1024;  // segment manager + fragmentation

struct Handle {
  Segment::handle_t offset;  // from the segment's start: valid in every process that maps it
  std::uint64_t bytes;
};
using Offset = Segment::handle_t;

struct Geometry {
  std::uint64_t fwd_slots, ret_slots, segment_bytes;
};

Geometry geometry_for(const ChannelOptions& o) {
  const std::uint64_t window = std::max<std::size_t>(o.window, 1);
  Geometry g;
  g.fwd_slots = std::bit_ceil(std::max(window, kMinHandleSlots));
  // Handles a sender can have out at once: a full forward queue, one held by the receiver and one
  // prepared. The return queue takes them all, so release() never waits for the sender.
  g.ret_slots = 2 * g.fwd_slots;
  // `window` messages in flight plus the one being prepared, whole.
  g.segment_bytes = shm::round_up(
      (window + 1) * (shm::round_up(o.max_message_bytes, 16) + kBlockOverhead) + kSegmentSlack,
      shm::kPageBytes);
  return g;
}

struct Shared {
  AbortFlag aborted;
  SpscIndices<Wait> fwd_ab, ret_ab, fwd_ba, ret_ba;
};

// One direction's pieces, as laid out in the mapping.
struct Lane {
  SpscIndices<Wait>* fwd;
  std::span<Handle> fwd_slots;
  SpscIndices<Wait>* ret;
  std::span<Offset> ret_slots;
  Segment* segment;
};

class alignas(sync::kCacheLine) HandoffEndpoint final : public Endpoint {
 public:
  HandoffEndpoint(const Lane& out, const Lane& in, std::size_t max_message,
                  const AbortFlag& aborted, const char* what)
      : fwd_out_(*out.fwd, out.fwd_slots, aborted, what),
        ret_in_(*out.ret, out.ret_slots, aborted, what),
        out_seg_(out.segment),
        fwd_in_(*in.fwd, in.fwd_slots, aborted, what),
        ret_out_(*in.ret, in.ret_slots, aborted, what),
        in_seg_(in.segment),
        max_(max_message),
        aborted_(aborted),
        what_(what) {}

  std::span<std::byte> prepare(std::size_t bytes) override {
    shm::require_message_size(bytes, max_, what_);
    if (prepared_) free_block(out_seg_->get_handle_from_address(prepared_));
    Offset returned;
    while (ret_in_.try_pop(returned)) free_block(returned);
    void* p;
    while ((p = out_seg_->allocate(bytes, std::nothrow)) == nullptr) {
      if (outstanding_ == 0)
        throw std::length_error(std::string(what_) + ": no room for a message of " +
                                std::to_string(bytes) + " bytes in a segment of " +
                                std::to_string(out_seg_->get_size()) + " bytes");
      free_block(ret_in_.pop());  // wait for the receiver to hand one back
    }
    ++outstanding_;
    prepared_ = p;
    prepared_bytes_ = bytes;
    return {static_cast<std::byte*>(p), bytes};
  }

  void send() override {
    aborted_.throw_if_raised(what_);
    if (!prepared_) throw std::logic_error(std::string(what_) + ": send() without prepare()");
    fwd_out_.push({out_seg_->get_handle_from_address(prepared_), prepared_bytes_});
    prepared_ = nullptr;
  }

  std::span<const std::byte> receive() override {
    aborted_.throw_if_raised(what_);
    release();  // a caller that skipped release() must not starve the sender
    const Handle h = fwd_in_.pop();
    if (h.bytes == 0 || h.bytes > max_ || h.offset < 0 ||
        static_cast<std::uint64_t>(h.offset) > in_seg_->get_size() ||
        h.bytes > in_seg_->get_size() - static_cast<std::uint64_t>(h.offset))
      throw VerifyError(std::string(what_) + ": bad handle (offset " + std::to_string(h.offset) +
                        ", " + std::to_string(h.bytes) + " bytes) for a segment of " +
                        std::to_string(in_seg_->get_size()) + " bytes");
    held_ = h.offset;
    holding_ = true;
    return {static_cast<const std::byte*>(in_seg_->get_address_from_handle(h.offset)),
            static_cast<std::size_t>(h.bytes)};
  }

  void release() override {
    if (!holding_) return;
    ret_out_.push(held_);
    holding_ = false;
  }

 private:
  void free_block(Offset offset) noexcept {
    out_seg_->deallocate(out_seg_->get_address_from_handle(offset));
    --outstanding_;
  }

  // Sending side: this endpoint's segment, the handles going out and coming back.
  queues::SlotQueueProducer<Handle, Wait> fwd_out_;
  queues::SlotQueueConsumer<Offset, Wait> ret_in_;
  Segment* out_seg_;
  void* prepared_ = nullptr;
  std::size_t prepared_bytes_ = 0;
  std::uint64_t outstanding_ = 0;  // allocated, not yet freed
  // Receiving side: the peer's segment, read in place.
  queues::SlotQueueConsumer<Handle, Wait> fwd_in_;
  queues::SlotQueueProducer<Offset, Wait> ret_out_;
  Segment* in_seg_;
  Offset held_ = 0;
  bool holding_ = false;
  std::size_t max_;
  const AbortFlag& aborted_;
  const char* what_;
};

// Bump layout of the one mapping: the shared indices, the four slot arrays, the two segments.
class Carver {
 public:
  explicit Carver(std::byte* base) : base_(base) {}
  template <class T>
  std::span<T> take(std::uint64_t count, std::uint64_t align = sync::kCacheLine) {
    used_ = shm::round_up(used_, align);
    T* p = base_ ? reinterpret_cast<T*>(base_ + used_) : nullptr;
    used_ += count * sizeof(T);
    return {p, count};
  }
  std::uint64_t used() const noexcept { return used_; }

 private:
  std::byte* base_;
  std::uint64_t used_ = 0;
};

class HandoffChannel final : public Channel {
 public:
  HandoffChannel(const ChannelOptions& o, const char* what)
      : g_((shm::require_options(o, what), geometry_for(o))), region_(layout(nullptr)) {
    layout(region_.data());
    shared_ = new (region_.data()) Shared();
    seg_ab_ = Segment(bip::create_only, seg_ab_bytes_.data(), seg_ab_bytes_.size());
    seg_ba_ = Segment(bip::create_only, seg_ba_bytes_.data(), seg_ba_bytes_.size());
    const Lane ab{&shared_->fwd_ab, fwd_ab_, &shared_->ret_ab, ret_ab_, &seg_ab_};
    const Lane ba{&shared_->fwd_ba, fwd_ba_, &shared_->ret_ba, ret_ba_, &seg_ba_};
    a_ = std::make_unique<HandoffEndpoint>(ab, ba, o.max_message_bytes, shared_->aborted, what);
    b_ = std::make_unique<HandoffEndpoint>(ba, ab, o.max_message_bytes, shared_->aborted, what);
  }

  Endpoint& a() override { return *a_; }
  Endpoint& b() override { return *b_; }
  void abort() noexcept override {
    shared_->aborted.raise();
    for (auto* s : {&shared_->fwd_ab, &shared_->ret_ab, &shared_->fwd_ba, &shared_->ret_ba})
      queues::wake_all(*s);
  }

 private:
  // Lays the mapping out and records where the pieces go; returns its size. With base == nullptr
  // it only measures.
  std::uint64_t layout(std::byte* base) {
    Carver c(base);
    (void)c.take<Shared>(1, alignof(Shared));
    fwd_ab_ = c.take<Handle>(g_.fwd_slots);
    ret_ab_ = c.take<Offset>(g_.ret_slots);
    fwd_ba_ = c.take<Handle>(g_.fwd_slots);
    ret_ba_ = c.take<Offset>(g_.ret_slots);
    seg_ab_bytes_ = c.take<std::byte>(g_.segment_bytes, shm::kPageBytes);
    seg_ba_bytes_ = c.take<std::byte>(g_.segment_bytes, shm::kPageBytes);
    return c.used();
  }

  Geometry g_;
  std::span<Handle> fwd_ab_, fwd_ba_;
  std::span<Offset> ret_ab_, ret_ba_;
  std::span<std::byte> seg_ab_bytes_, seg_ba_bytes_;
  shm::ShmRegion region_;  // outlives the segments and endpoints (declared before them)
  Shared* shared_ = nullptr;
  Segment seg_ab_, seg_ba_;
  std::unique_ptr<HandoffEndpoint> a_, b_;
};

}  // namespace

std::unique_ptr<Channel> make_shm_handoff(const ChannelOptions& o, const char* what) {
  return std::make_unique<HandoffChannel>(o, what);
}

}  // namespace tvp::transports
