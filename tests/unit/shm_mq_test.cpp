// shm_mq specifics beyond the generic transport tests: its named queues never show up in
// /dev/shm (the names are removed before the factory returns), abort() reaches an operation
// blocked inside the queue, and a peer that dies anywhere -- even inside Boost's queue operation,
// holding its mutex -- ends the other side with an error instead of a hang.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

#include "resource_snapshot.hpp"
#include "shm_background_thread.hpp"
#include "tvp/error.hpp"
#include "tvp/peer.hpp"
#include "tvp/transport.hpp"

namespace tvp {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<Channel> make_mq(std::size_t max_message) {
  const TransportInfo* t = find_transport("shm_mq");
  if (t == nullptr) throw std::runtime_error("shm_mq is not in the registry");
  ChannelOptions o;
  o.max_message_bytes = max_message;
  o.model = Model::process;
  return t->make(o);
}

// The hang these tests look for would block in a lock for ever, where no exception or abort can
// reach it: if the scope has not ended within `limit`, say what hung and end the test binary (a
// failure), instead of waiting for ctest's timeout.
class HangGuard {
 public:
  HangGuard(std::chrono::seconds limit, std::string what)
      : what_(std::move(what)), t_([this, limit] {
          std::unique_lock lock(mu_);
          if (cv_.wait_for(lock, limit, [this] { return done_; })) return;
          std::fprintf(stderr, "HANG: %s: still blocked after %lld s\n", what_.c_str(),
                       static_cast<long long>(limit.count()));
          std::fflush(stderr);
          std::_Exit(1);
        }) {}
  ~HangGuard() {
    {
      const std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_one();
    t_.join();
  }
  HangGuard(const HangGuard&) = delete;
  HangGuard& operator=(const HangGuard&) = delete;

 private:
  std::string what_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread t_;  // last: starts once the rest exists
};

std::string closed_message(Endpoint& ep) {
  try {
    (void)ep.receive();
  } catch (const ChannelClosed& e) {
    return e.what();
  }
  return "(a message arrived)";
}

using ShmMqTest = testing::LeakCheckedTest;

TEST_F(ShmMqTest, NoNameIsLeftInDevShmWhileTheChannelLives) {
  const auto before = testing::ResourceSnapshot::take().shm;
  auto ch = make_mq(1u << 20);
  EXPECT_EQ(testing::ResourceSnapshot::take().shm, before);
  // ...and the queues still work without their names.
  auto buf = ch->a().prepare(200'000);
  buf[199'999] = std::byte{42};
  ch->a().send();
  auto msg = ch->b().receive();
  ASSERT_EQ(msg.size(), 200'000u);
  EXPECT_EQ(msg[199'999], std::byte{42});
  ch->b().release();
}

TEST_F(ShmMqTest, AbortReachesABlockedReceiver) {
  auto ch = make_mq(64);
  testing::BackgroundThread receiver([&] { (void)ch->a().receive(); }, [&] { ch->abort(); });
  std::this_thread::sleep_for(20ms);  // let it block in the queue (not required)
  ch->abort();
  EXPECT_THROW(receiver.join(), ChannelClosed);  // no exception: a message nobody sent
}

// Deterministic: the peer faults inside Boost's memcpy of a slot, i.e. while it holds Boost's
// queue mutex (and our guard). Boost 1.74 alone would leave that mutex locked and the receive
// below blocked for ever. No watchdog abort helps here (no on_failure): the channel itself must
// see that the lock's owner is dead.
TEST_F(ShmMqTest, PeerDyingInsideBoostsSendEndsTheReceiverWithAnError) {
  constexpr std::size_t kBytes = 1u << 20;  // 17 slots of 64 KiB
  auto ch = make_mq(kBytes);
  PeerOptions o;
  o.name = "dies in send";
  o.model = Model::process;
  Peer victim(o, [&](PeerContext&) {
    // A deliberate crash: no core dump, and no sanitizer report (their SEGV handler goes).
    ::prctl(PR_SET_DUMPABLE, 0);
    ::signal(SIGSEGV, SIG_DFL);
    std::span<std::byte> body = ch->a().prepare(kBytes);
    // Unreadable from ~200 KB on: slots 0-2 are copied into the queue, slot 3's copy faults
    // halfway, inside message_queue::try_send. Only pages wholly inside the message buffer are
    // protected, so nothing else the child touches faults.
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto start = reinterpret_cast<std::uintptr_t>(body.data());
    const std::uintptr_t from = (start + 200'000 + page - 1) & ~(page - 1);
    const std::uintptr_t to = (start + body.size()) & ~(page - 1);
    if (::mprotect(reinterpret_cast<void*>(from), to - from, PROT_NONE) != 0)
      throw std::runtime_error("mprotect failed");
    ch->a().send();
  });
  try {
    victim.join();
    ADD_FAILURE() << "the victim survived its send";
  } catch (const PeerError& e) {
    EXPECT_NE(std::string(e.what()).find("killed by signal 11"), std::string::npos) << e.what();
  }
  const HangGuard guard(10s, "shm_mq receive after the peer died holding the queue's lock");
  const std::string err = closed_message(ch->b());
  EXPECT_NE(err.find("shm_mq: the peer died inside a queue operation"), std::string::npos) << err;
  // The channel stays closed, in both directions, without touching the dead queue again.
  EXPECT_NE(closed_message(ch->b()).find("aborted"), std::string::npos);
  auto send_one = [&] {
    ch->a().prepare(8)[0] = std::byte{1};
    ch->a().send();
  };
  EXPECT_THROW(send_one(), ChannelClosed);
}

// The field case: a sender SIGKILLed from outside at arbitrary points of a tight loop of
// multi-slot sends (mostly inside a slot's copy), the watchdog aborting the channel as in
// tvp-bench. Every trial must end with ChannelClosed on the receiving side within the guard's
// bound.
TEST_F(ShmMqTest, SenderSigkilledMidStreamNeverHangsTheReceiver) {
  constexpr std::size_t kBytes = 256 * 1024;  // 5 slots per message
  constexpr int kTrials = 20;
  const HangGuard guard(60s, "shm_mq receive after the sender was SIGKILLed");
  int inside = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    auto ch = make_mq(kBytes);
    PeerOptions o;
    o.name = "sender";
    o.model = Model::process;
    o.stall_timeout = 5s;
    o.on_failure = [&] { ch->abort(); };
    Peer p(o, [&](PeerContext& ctx) {
      for (;;) {
        ch->a().prepare(kBytes)[0] = std::byte{1};
        ch->a().send();
        ctx.progress();
      }
    });
    for (int i = 0; i < 1 + trial % 4; ++i) ASSERT_EQ(ch->b().receive().size(), kBytes);
    ::kill(p.pid(), SIGKILL);
    std::string err;
    try {
      for (;;) (void)ch->b().receive();  // what was queued before the kill still arrives
    } catch (const ChannelClosed& e) {
      err = e.what();
    }
    if (err.find("died inside a queue operation") != std::string::npos) ++inside;
    EXPECT_NE(err.find("shm_mq"), std::string::npos) << err;
    EXPECT_THROW(p.join(), PeerError);
  }
  // Informational: how many kills landed inside an operation (the rest ended by the abort).
  std::printf("%d of %d kills landed inside a queue operation\n", inside, kTrials);
}

}  // namespace
}  // namespace tvp
