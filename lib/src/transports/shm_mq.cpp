// shm_mq: one boost::interprocess::message_queue per direction. Each queue is one mutex and two
// memcpy()s per queue message (sender -> queue slot -> receiver); slots have a fixed size, so a big
// message goes through as several slots: the first starts with an 8-byte total length, and the
// receiver lays the slots end to end in its own buffer.
//
// Surviving a peer that dies anywhere (SIGKILL included). Boost 1.74's queue locks its
// interprocess_mutex without a timeout in every operation, timed or not, and that mutex is not
// robust: a peer killed inside send()/receive() used to leave it locked and the other side hung for
// ever (9 of 40 external-kill trials). Its condition variables are no better: a process killed
// while waiting in glibc's (>= 2.25) pthread_cond_wait can leave state that a later signal or
// broadcast waits on for ever (glibc bug 21422; the hang in Project-OSRM/osrm-backend#3911). So:
//  - Boost's queue is only ever entered through try_send()/try_receive(), which never wait on its
//    condition variables (and never signal them: no one is ever blocked in them), and
//  - only while holding the queue's Gate guard, a robust process-shared mutex. Boost's mutex is
//    therefore only taken by a guard holder and never contended; a peer that dies holding Boost's
//    mutex held the guard too, and our next lock of the guard reports EOWNERDEAD instead of
//    blocking: the channel is declared dead and Boost's queue is never touched again.
//  - A side that cannot proceed (queue empty for a receive, full for a send) sleeps on the gate's
//    futex word OUTSIDE the guard, so it never blocks the other side; whoever changes the queue
//    wakes it, like Boost's condition variable would (no spinning first: the same kernel sleep
//    and wake-up as the condition variable, so the measured mechanism stays a blocking queue).
//    abort() wakes it without taking any lock, so the watchdog reaches a sleeper whatever the
//    peer's state.
// Every wait is thus either a guard held by a live peer for one slot's memcpy (or by a dead one:
// EOWNERDEAD at once) or a futex sleep that a peer's operation or abort() ends.
#include <algorithm>
#include <atomic>
#include <boost/interprocess/ipc/message_queue.hpp>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <type_traits>

#include "queues/message_pieces.hpp"
#include "shm/message_limits.hpp"
#include "shm/named_queue.hpp"
#include "shm/region.hpp"
#include "shm/robust_mutex.hpp"
#include "tvp/error.hpp"
#include "tvp/sync/abort_flag.hpp"
#include "tvp/sync/cache_line.hpp"
#include "tvp/sync/futex.hpp"
#include "tvp/transport.hpp"

namespace tvp::transports {
namespace {

namespace bip = boost::interprocess;
using sync::AbortFlag;

constexpr std::size_t kLengthBytes = queues::MessagePieces::kLengthBytes;
constexpr std::size_t kMaxSlotBytes = 64 * 1024;  // memcpy per slot under the lock stays short
constexpr std::size_t kMaxQueueBytes = 4u << 20;  // same budget as the shm_ring rings

// One queue's guard and wait word. One cache line: every operation of both sides locks the guard,
// so the line moves with each message anyway and the wait word rides along with it.
struct alignas(sync::kCacheLine) Gate {
  shm::RobustMutex guard;
  // Futex word: bumped by an operation that finds sleepers (under the guard) and by abort().
  std::atomic<std::uint32_t> seq{0};
  std::uint32_t sleepers = 0;  // sides asleep on seq; under the guard
};
static_assert(sizeof(Gate) == sync::kCacheLine, "a gate is one cache line");

// What both processes share, in one anonymous mapping: the abort flag and a gate per direction.
struct Shared {
  AbortFlag aborted;
  Gate ab, ba;
};
static_assert(std::is_trivially_destructible_v<Shared>, "the mapping goes without a destructor");

// Raises the flag, then wakes every sleeper. Takes no lock: a guard may belong to a dead process.
void abort_all(Shared& s) noexcept {
  s.aborted.raise();
  for (Gate* g : {&s.ab, &s.ba}) {
    // release: a sleeper that reads the new seq also sees the flag.
    g->seq.fetch_add(1, std::memory_order_release);
    sync::futex_wake_all(g->seq);
  }
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
  shm::NamedQueue named(g.depth, g.slot_bytes, what);
  bip::message_queue& q = named.queue();
  // Filling and draining every slot once touches all of the queue's pages before timing.
  const auto zeros = std::make_unique<std::byte[]>(g.slot_bytes);
  for (std::size_t i = 0; i < g.depth; ++i) q.try_send(zeros.get(), g.slot_bytes, 0);
  bip::message_queue::size_type got;
  unsigned int priority;
  while (q.try_receive(zeros.get(), g.slot_bytes, got, priority)) {
  }
  return named.take_queue();
}

// Own cache line(s): in the thread model both endpoints sit side by side in this process.
class alignas(sync::kCacheLine) MqEndpoint final : public Endpoint {
 public:
  MqEndpoint(bip::message_queue& out, Gate& out_gate, bip::message_queue& in, Gate& in_gate,
             std::size_t max_message, std::size_t slot_bytes, Shared& shared, const char* what)
      : out_q_(out),
        in_q_(in),
        out_gate_(out_gate),
        in_gate_(in_gate),
        shared_(shared),
        what_(what),
        pieces_(max_message, slot_bytes, what) {}

  std::span<std::byte> prepare(std::size_t bytes) override { return pieces_.prepare(bytes); }

  void send() override {
    shared_.aborted.throw_if_raised(what_);
    pieces_.send([&](const std::byte* p, std::size_t n) {
      transfer(out_gate_, [&] { return out_q_.try_send(p, n, 0); });
    });
  }

  std::span<const std::byte> receive() override {
    shared_.aborted.throw_if_raised(what_);
    return pieces_.receive([&](std::byte* into, std::size_t room) {
      bip::message_queue::size_type got = 0;
      unsigned int priority;
      transfer(in_gate_, [&] { return in_q_.try_receive(into, room, got, priority); });
      return static_cast<std::size_t>(got);
    });
  }

  void release() override {}

 private:
  // Runs try_op (one non-blocking queue operation) under the gate's guard until it succeeds,
  // sleeping on the gate's word, guard released, while it cannot. Lost wake-ups are excluded by the
  // guard: we read seq and register as a sleeper under it, and an operation that changes the queue
  // afterwards reads `sleepers` under it too, so it bumps seq (the kernel then does not let us
  // sleep on the old value) and wakes us. seq is read BEFORE the abort flag: abort_all() raises
  // the flag before it bumps seq, so if we miss the flag, our seq is the old one and we cannot
  // sleep through its wake-up.
  template <class TryOp>
  void transfer(Gate& g, TryOp&& try_op) {
    lock(g);
    for (;;) {
      const std::uint32_t seen = g.seq.load(std::memory_order_acquire);
      bool done = false;
      try {
        done = try_op();
      } catch (...) {
        g.guard.unlock();
        throw;
      }
      if (done) {
        const bool wake = g.sleepers != 0;
        if (wake) g.seq.fetch_add(1, std::memory_order_release);
        g.guard.unlock();
        if (wake) sync::futex_wake_all(g.seq);
        return;
      }
      if (shared_.aborted.raised()) {
        g.guard.unlock();
        sync::throw_aborted(what_);
      }
      ++g.sleepers;
      g.guard.unlock();
      sync::futex_wait(g.seq, seen);  // returns on a wake, a changed seq, a signal or spuriously
      lock(g);
      --g.sleepers;
    }
  }

  // Takes the gate's guard, or declares the channel dead if a process died holding it (it may have
  // died inside Boost's operation, holding Boost's mutex: the queue must not be entered again).
  void lock(Gate& g) {
    if (g.guard.lock()) return;
    abort_all(shared_);
    throw ChannelClosed(std::string(what_) +
                        ": the peer died inside a queue operation (its lock owner is dead)");
  }

  bip::message_queue& out_q_;
  bip::message_queue& in_q_;
  Gate& out_gate_;
  Gate& in_gate_;
  Shared& shared_;
  const char* what_;
  queues::MessagePieces pieces_;  // the slots of a message and both buffers
};

class MqChannel final : public Channel {
 public:
  MqChannel(const ChannelOptions& o, const char* what)
      : geometry_((shm::require_options(o, what), geometry_for(o))),
        shared_region_(sizeof(Shared)),
        shared_(new (shared_region_.data()) Shared()),
        ab_(make_anonymous_queue(geometry_, what)),
        ba_(make_anonymous_queue(geometry_, what)),
        a_(*ab_, shared_->ab, *ba_, shared_->ba, o.max_message_bytes, geometry_.slot_bytes,
           *shared_, what),
        b_(*ba_, shared_->ba, *ab_, shared_->ab, o.max_message_bytes, geometry_.slot_bytes,
           *shared_, what) {}

  Endpoint& a() override { return a_; }
  Endpoint& b() override { return b_; }
  // Wakes every side asleep in the channel, in both processes; a side inside an operation notices
  // the flag before it would sleep.
  void abort() noexcept override { abort_all(*shared_); }

 private:
  Geometry geometry_;
  shm::ShmRegion shared_region_;  // seen by a forked peer too; never destroyed (trivial members)
  Shared* shared_;
  std::unique_ptr<bip::message_queue> ab_, ba_;
  MqEndpoint a_, b_;
};

}  // namespace

std::unique_ptr<Channel> make_shm_mq(const ChannelOptions& o, const char* what) {
  return std::make_unique<MqChannel>(o, what);
}

}  // namespace tvp::transports
