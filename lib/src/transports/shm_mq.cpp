// shm_mq: one boost::interprocess::message_queue per direction. Each queue is one mutex, two
// condition variables and two memcpy()s per queue message (sender -> queue slot -> receiver); slots
// have a fixed size, so a big message goes through as several slots: the first starts with an
// 8-byte total length, and the receiver lays the slots end to end in its own buffer.
//
// Waits: message_queue's blocking receive cannot be interrupted, so every wait is a timed_send /
// timed_receive of kPollPeriod, re-checking the shared abort flag in between. Known hazard (Boost
// 1.74): the queue mutex is not robust, and every operation, timed or not, takes it with a plain
// lock. A peer SIGKILLed while inside send()/receive() (a memcpy of at most one slot) leaves it
// locked, and our next operation on that queue blocks for ever; abort() cannot reach it.
#include <algorithm>
#include <boost/date_time/posix_time/posix_time_types.hpp>
#include <boost/interprocess/exceptions.hpp>
#include <boost/interprocess/ipc/message_queue.hpp>
#include <cstring>
#include <memory>
#include <new>
#include <string>

#include "shm/message_limits.hpp"
#include "shm/name.hpp"
#include "shm/region.hpp"
#include "tvp/error.hpp"
#include "tvp/sync/abort_flag.hpp"
#include "tvp/sync/cache_line.hpp"
#include "tvp/transport.hpp"

namespace tvp::transports {
namespace {

namespace bip = boost::interprocess;
using sync::AbortFlag;

constexpr std::size_t kLengthBytes = 8;
constexpr std::size_t kMaxSlotBytes = 64 * 1024;  // memcpy per slot under the lock stays short
constexpr std::size_t kMaxQueueBytes = 4u << 20;  // same budget as the shm_ring rings

// How long one timed wait lasts before the abort flag is looked at again: the worst-case delay
// between abort() and a blocked operation throwing.
boost::posix_time::ptime poll_deadline() {
  // Boost 1.74's timed waits take an absolute ptime in UTC (converted to CLOCK_REALTIME).
  return boost::posix_time::microsec_clock::universal_time() + boost::posix_time::milliseconds(100);
}

struct Geometry {
  std::size_t slot_bytes;
  std::size_t depth;  // slots per queue
};

// Room for `window` whole messages per direction within the byte budget; messages of more than one
// slot stream through (the receiver drains while the sender fills).
Geometry geometry_for(const ChannelOptions& o) {
  const std::size_t framed = kLengthBytes + o.max_message_bytes;
  const std::size_t slot = std::min(framed, kMaxSlotBytes);
  const std::size_t slots_per_message = (framed + slot - 1) / slot;
  const std::size_t depth = std::clamp<std::size_t>(
      std::max<std::size_t>(o.window, 1) * slots_per_message, 1, kMaxQueueBytes / slot);
  return {slot, depth};
}

// Creates a queue under a fresh name and removes the name before returning: the mapping stays
// valid in this process and in children forked later, and nothing is left in /dev/shm.
std::unique_ptr<bip::message_queue> make_anonymous_queue(const Geometry& g, const char* what) {
  shm::ScopedShmName name("mq", &bip::message_queue::remove);
  std::unique_ptr<bip::message_queue> q;
  try {
    q = std::make_unique<bip::message_queue>(bip::create_only, name.c_str(), g.depth, g.slot_bytes);
  } catch (const bip::interprocess_exception& e) {
    throw SystemError(std::string(what) + ": message_queue " + name.c_str() + " (" +
                          std::to_string(g.depth) + " x " + std::to_string(g.slot_bytes) +
                          " bytes)",
                      e.get_native_error());
  }
  // Filling and draining every slot once touches all of the queue's pages before timing.
  const auto zeros = std::make_unique<std::byte[]>(g.slot_bytes);
  for (std::size_t i = 0; i < g.depth; ++i) q->try_send(zeros.get(), g.slot_bytes, 0);
  bip::message_queue::size_type got;
  unsigned int priority;
  while (q->try_receive(zeros.get(), g.slot_bytes, got, priority)) {
  }
  return q;
}

// Own cache line(s): in the thread model both endpoints sit side by side in this process.
class alignas(sync::kCacheLine) MqEndpoint final : public Endpoint {
 public:
  MqEndpoint(bip::message_queue& out, bip::message_queue& in, std::size_t max_message,
             std::size_t slot_bytes, const AbortFlag& aborted, const char* what)
      : out_q_(out),
        in_q_(in),
        max_(max_message),
        slot_(slot_bytes),
        aborted_(aborted),
        what_(what),
        // value-initialised: every page touched before timing
        out_(std::make_unique<std::byte[]>(kLengthBytes + max_message)),
        // one slot of slack: the last receive may be handed a whole slot's worth of room
        in_cap_(kLengthBytes + max_message + slot_bytes),
        in_(std::make_unique<std::byte[]>(in_cap_)) {}

  std::span<std::byte> prepare(std::size_t bytes) override {
    shm::require_message_size(bytes, max_, what_);
    const std::uint64_t len = bytes;
    std::memcpy(out_.get(), &len, kLengthBytes);
    out_len_ = kLengthBytes + bytes;
    return {out_.get() + kLengthBytes, bytes};
  }

  void send() override {
    aborted_.throw_if_raised(what_);
    for (std::size_t pos = 0; pos < out_len_; pos += slot_) {
      const std::size_t n = std::min(slot_, out_len_ - pos);
      while (!out_q_.timed_send(out_.get() + pos, n, 0, poll_deadline()))
        aborted_.throw_if_raised(what_);
    }
  }

  std::span<const std::byte> receive() override {
    aborted_.throw_if_raised(what_);
    std::size_t pos = receive_slot(0);
    if (pos < kLengthBytes) malformed("first slot of " + std::to_string(pos) + " bytes");
    std::uint64_t len;
    std::memcpy(&len, in_.get(), kLengthBytes);
    if (len == 0 || len > max_) malformed("message length " + std::to_string(len));
    while (pos < kLengthBytes + len) pos = receive_slot(pos);
    if (pos != kLengthBytes + len)
      malformed(std::to_string(pos - kLengthBytes) + " bytes for a message of " +
                std::to_string(len));
    return {in_.get() + kLengthBytes, static_cast<std::size_t>(len)};
  }

  void release() override {}

 private:
  // Receives one slot at in_[pos]; returns the new fill level.
  std::size_t receive_slot(std::size_t pos) {
    bip::message_queue::size_type got = 0;
    unsigned int priority;
    while (!in_q_.timed_receive(in_.get() + pos, in_cap_ - pos, got, priority, poll_deadline()))
      aborted_.throw_if_raised(what_);
    return pos + got;
  }

  [[noreturn]] void malformed(const std::string& cause) const {
    throw VerifyError(std::string(what_) + ": malformed message (" + cause + ", max message " +
                      std::to_string(max_) + ")");
  }

  bip::message_queue& out_q_;
  bip::message_queue& in_q_;
  std::size_t max_, slot_;
  const AbortFlag& aborted_;
  const char* what_;
  std::unique_ptr<std::byte[]> out_;  // [8-byte length][body]
  std::size_t out_len_ = 0;
  std::size_t in_cap_;
  std::unique_ptr<std::byte[]> in_;
};

class MqChannel final : public Channel {
 public:
  MqChannel(const ChannelOptions& o, const char* what)
      : geometry_((shm::require_options(o, what), geometry_for(o))),
        flag_region_(sizeof(AbortFlag)),
        aborted_(new (flag_region_.data()) AbortFlag()),
        ab_(make_anonymous_queue(geometry_, what)),
        ba_(make_anonymous_queue(geometry_, what)),
        a_(*ab_, *ba_, o.max_message_bytes, geometry_.slot_bytes, *aborted_, what),
        b_(*ba_, *ab_, o.max_message_bytes, geometry_.slot_bytes, *aborted_, what) {}

  Endpoint& a() override { return a_; }
  Endpoint& b() override { return b_; }
  // Nothing can wake a thread inside the queue's condition variables from outside: blocked
  // operations notice the flag at the end of their current timed wait (<= 100 ms).
  void abort() noexcept override { aborted_->raise(); }

 private:
  Geometry geometry_;
  shm::ShmRegion flag_region_;  // the abort flag must be seen by a forked peer too
  AbortFlag* aborted_;
  std::unique_ptr<bip::message_queue> ab_, ba_;
  MqEndpoint a_, b_;
};

}  // namespace

std::unique_ptr<Channel> make_shm_mq(const ChannelOptions& o, const char* what) {
  return std::make_unique<MqChannel>(o, what);
}

}  // namespace tvp::transports
