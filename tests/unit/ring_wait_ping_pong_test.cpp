// The hand-over under shm_ring_wait, stressed: many verified ping-pong round trips through the
// real ShmRingChannel with the FutexWait policy (spin, yield, then futex sleep), between threads
// and across fork(), with random tiny delays on both sides so that a message is often published
// just while the other side is going from spinning to yielding to sleeping -- the window in
// which a lost wake-up would leave both sides waiting for ever.
//
// Bounded: the peer's watchdog (a short stall timeout) aborts the channel when neither side moves,
// so a lost message fails the test within about a second instead of hanging it. That the harness
// really can fail is checked on a policy that drops its wake-ups.
//
// Why a waiter stops yielding on a busy CPU (the fault trials' "hangs") is tested without a busy
// machine in yield_backoff_test.cpp: a latency bound belongs in a benchmark, not a unit test.
#include <gtest/gtest.h>
#include <sched.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "resource_snapshot.hpp"
#include "shm/ring_channel.hpp"
#include "tvp/echo.hpp"
#include "tvp/error.hpp"
#include "tvp/peer.hpp"
#include "tvp/sync/spin_wait.hpp"
#include "tvp/sync/wait_policy.hpp"

namespace tvp {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMessageBytes = 64;  // the size of the fault trials that hung
constexpr const char* kWhat = "stress-ring";

// A deterministic (seeded) stream of short delays: none, a few pauses, a yield or two, or (half of
// them) a busy wait of 2-20 us -- around the ~4 us spin and the yields a waiter makes before it
// sleeps, so the other side's notify lands before, during and after the waiter's move to the
// futex -- and now and then a real sleep, which lets the waiter's CPU go idle.
class Jitter {
 public:
  explicit Jitter(std::uint64_t seed) : s_(seed | 1) {}
  void delay() {
    const std::uint64_t r = next();
    const std::uint64_t pick = r % 100;
    if (pick < 25) return;
    if (pick < 40) {
      for (std::uint64_t i = (r >> 8) % 256; i > 0; --i) sync::cpu_relax();
    } else if (pick < 50) {
      for (std::uint64_t i = 1 + (r >> 8) % 3; i > 0; --i) ::sched_yield();
    } else if (pick < 97) {
      const auto until = Clock::now() + std::chrono::nanoseconds(2'000 + (r >> 8) % 18'000);
      while (Clock::now() < until) sync::cpu_relax();
    } else {
      std::this_thread::sleep_for(std::chrono::microseconds((r >> 8) % 100));
    }
  }

 private:
  std::uint64_t next() noexcept {  // xorshift64*
    s_ ^= s_ >> 12;
    s_ ^= s_ << 25;
    s_ ^= s_ >> 27;
    return s_ * 0x2545F4914F6CDD1Dull;
  }
  std::uint64_t s_;
};

struct Result {
  std::uint64_t round_trips = 0;  // completed by the initiator
  std::string error;              // empty: all of them completed and the peer ended well
  Clock::duration took{};
};

// `n` round trips of verified kMessageBytes messages between the initiator (this thread) and a peer in
// `model`, both sides delayed by their Jitter. A stall of `stall` ends it with an error.
template <class Wait>
Result ping_pong(Model model, std::uint64_t n, std::uint64_t seed,
                 std::chrono::milliseconds stall) {
  const auto start = Clock::now();
  shm::ShmRingChannel<Wait> ch({.max_message_bytes = kMessageBytes, .window = 1, .model = model}, kWhat);
  PeerOptions o;
  o.name = "stress echo";
  o.model = model;
  o.stall_timeout = stall;
  o.on_failure = [&] { ch.abort(); };
  Result r;
  Peer peer(o, [&ch, n, seed](PeerContext& ctx) {
    Jitter jitter(seed * 31 + 7);
    for (std::uint64_t seq = 0; seq < n; ++seq) {
      receive_message(ch.b(), kMessageBytes, seq);
      jitter.delay();
      send_message(ch.b(), kMessageBytes, seq);
      ctx.progress();
    }
  });
  Jitter jitter(seed);
  try {
    for (; r.round_trips < n; ++r.round_trips) {
      jitter.delay();
      send_message(ch.a(), kMessageBytes, r.round_trips);
      receive_message(ch.a(), kMessageBytes, r.round_trips);
    }
  } catch (const std::exception& e) {
    r.error = std::string("initiator, waiting for reply ") + std::to_string(r.round_trips) + ": " +
              e.what();
  }
  try {
    peer.join();
  } catch (const PeerError& e) {
    r.error += (r.error.empty() ? "" : "; ") + std::string(e.what());
  }
  r.took = Clock::now() - start;
  return r;
}

// FutexWait with its wake-ups dropped: a side that goes to sleep is never woken by a message.
struct DropsWakeups : sync::FutexWait {
  static void notify(Event&) noexcept {}
};

constexpr std::uint64_t kRoundTrips = 6000;
constexpr auto kStall = 1000ms;  // the watchdog: far above any round trip, even on a loaded VM

class RingWaitPingPongTest : public testing::LeakCheckedTest,
                             public ::testing::WithParamInterface<Model> {};

TEST_P(RingWaitPingPongTest, NoMessageIsLostWithRandomDelays) {
  const Result r = ping_pong<sync::FutexWait>(GetParam(), kRoundTrips, 0x5eed + 1, kStall);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.round_trips, kRoundTrips);
}

INSTANTIATE_TEST_SUITE_P(Models, RingWaitPingPongTest,
                         ::testing::Values(Model::thread, Model::process),
                         [](const ::testing::TestParamInfo<Model>& p) {
                           return p.param == Model::thread ? std::string("thread")
                                                           : std::string("process");
                         });

// The harness can fail: with wake-ups dropped a message is lost as soon as one side sleeps, and
// that must end as an error (the watchdog's abort) within a few stall timeouts, never a hang.
using RingWaitHarnessTest = testing::LeakCheckedTest;
TEST_F(RingWaitHarnessTest, ReportsALostWakeUpInsteadOfHanging) {
  const Result r = ping_pong<DropsWakeups>(Model::thread, kRoundTrips, 0x5eed + 2, 300ms);
  EXPECT_LT(r.round_trips, kRoundTrips);
  EXPECT_NE(r.error.find("made no progress"), std::string::npos) << r.error;
  EXPECT_LT(r.took, 5s);
}

}  // namespace
}  // namespace tvp
