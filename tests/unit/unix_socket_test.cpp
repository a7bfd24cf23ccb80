// The three Unix socket transports through the registry: how each one notices a closed peer, and
// that abort() wakes a receive or send blocked in the kernel. (The windowed echo and the peer-death
// test between threads and processes are in transport_test.cpp.)
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <string>
#include <thread>

#include "resource_snapshot.hpp"
#include "tvp/echo.hpp"
#include "tvp/error.hpp"
#include "tvp/peer.hpp"
#include "tvp/transport.hpp"

namespace tvp {
namespace {

constexpr std::size_t kMax = 4u << 20;

class UnixSocketTest : public testing::LeakCheckedTest,
                       public ::testing::WithParamInterface<const char*> {
 protected:
  std::unique_ptr<Channel> make_channel() {
    const TransportInfo* t = find_transport(GetParam());
    if (t == nullptr) throw std::runtime_error(std::string(GetParam()) + ": not in the registry");
    ChannelOptions o;
    o.max_message_bytes = kMax;
    return t->make(o);
  }
  bool is_dgram() const { return std::string(GetParam()) == "unix_dgram"; }
};

// Runs `op` on another thread over and over until it throws; returns what it threw.
// `started` is raised once `op` has run at least once, so the abort below may hit it blocked or
// between calls: both must end in ChannelClosed.
template <class Op>
std::exception_ptr run_until_abort(Channel& ch, Op op) {
  std::atomic<bool> started{false}, ended{false};
  std::exception_ptr thrown;  // written by the worker before `ended`, read after join
  std::thread worker([&] {
    try {
      for (;;) {
        op();
        started.store(true);
      }
    } catch (...) {
      thrown = std::current_exception();
    }
    ended.store(true);
  });
  while (!started.load() && !ended.load()) std::this_thread::yield();
  ch.abort();
  worker.join();
  return thrown;
}

TEST_P(UnixSocketTest, AbortWakesABlockedReceive) {
  auto ch = make_channel();
  std::uint64_t seq = 0;
  // The first message arrives; the second receive blocks in the kernel until abort().
  send_message(ch->b(), 64, 0);
  auto thrown = run_until_abort(*ch, [&] { receive_message(ch->a(), 64, seq++); });
  ASSERT_TRUE(thrown);
  EXPECT_THROW(std::rethrow_exception(thrown), ChannelClosed);
  EXPECT_EQ(seq, 2u);
}

TEST_P(UnixSocketTest, AbortWakesABlockedSend) {
  auto ch = make_channel();
  std::uint64_t seq = 0;
  // Nobody receives: the send buffer fills within a few 4 MiB messages and send() blocks.
  auto thrown = run_until_abort(*ch, [&] { send_message(ch->a(), kMax, seq++); });
  ASSERT_TRUE(thrown);
  EXPECT_THROW(std::rethrow_exception(thrown), ChannelClosed);
}

TEST_P(UnixSocketTest, EveryOperationAfterAbortIsChannelClosed) {
  auto ch = make_channel();
  send_message(ch->b(), 64, 0);  // queued data must not outlive the abort
  ch->abort();
  EXPECT_THROW(ch->a().receive(), ChannelClosed);
  EXPECT_THROW(send_message(ch->a(), 64, 1), ChannelClosed);
  EXPECT_THROW(send_message(ch->b(), 64, 1), ChannelClosed);
}

TEST_P(UnixSocketTest, ClosedPeerIsSeenBySendAndByStreamReceive) {
  auto ch = make_channel();
  ch->b().detach();  // as the parent does for a child that then dies
  EXPECT_THROW(send_message(ch->a(), 64, 0), ChannelClosed);
  // A datagram socket has no connection: its receive keeps waiting until abort() (the watchdog's
  // job), which the tests above cover. The connected kinds see end-of-file.
  if (!is_dgram()) {
    EXPECT_THROW(ch->a().receive(), ChannelClosed);
  }
}

TEST_P(UnixSocketTest, MessagesQueuedBeforeThePeerClosedAreStillDelivered) {
  auto ch = make_channel();
  send_message(ch->b(), 4096, 0);
  send_message(ch->b(), 100'000, 1);  // fits even a default send buffer
  ch->b().detach();
  receive_message(ch->a(), 4096, 0);
  receive_message(ch->a(), 100'000, 1);
  if (!is_dgram()) {
    EXPECT_THROW(ch->a().receive(), ChannelClosed);
  }
}

// Unlike transport_test.cpp's PeerDeathUnblocksTheCaller, the peer dies only after it has received
// the message whose answer the caller then waits for, so the death (and the watchdog's abort)
// cannot overtake the caller's first, answered receive. For unix_dgram only the watchdog ends the
// wait.
TEST_P(UnixSocketTest, PeerDeathWhileTheCallerWaitsIsChannelClosed) {
  for (Model model : {Model::thread, Model::process}) {
    SCOPED_TRACE(to_string(model));
    auto ch = make_channel();
    PeerOptions o;
    o.name = std::string(GetParam()) + " dying echo";
    o.model = model;
    o.stall_timeout = std::chrono::seconds(5);
    o.on_failure = [&ch] { ch->abort(); };
    o.in_child = [&ch] { ch->a().detach(); };
    o.in_parent = [&ch] { ch->b().detach(); };
    Peer peer(o, [&](PeerContext& ctx) {
      serve_echo(ch->b(), ctx, 64, 1);
      receive_message(ch->b(), 64, 1);
      if (model == Model::process) ::raise(SIGKILL);
      throw std::runtime_error("peer gave up");
    });
    send_message(ch->a(), 64, 0);
    receive_message(ch->a(), 64, 0);
    EXPECT_THROW(
        {
          send_message(ch->a(), 64, 1);  // may already see the abort once the peer has it
          receive_message(ch->a(), 64, 1);
        },
        ChannelClosed);
    EXPECT_THROW(peer.join(), PeerError);
  }
}

INSTANTIATE_TEST_SUITE_P(All, UnixSocketTest,
                         ::testing::Values("unix_stream", "unix_dgram", "unix_seqpacket"),
                         [](const auto& p) { return std::string(p.param); });

}  // namespace
}  // namespace tvp
