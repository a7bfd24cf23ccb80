// shm_handoff specifics beyond the generic transport tests: the receiver really reads the sender's
// memory (zero-copy), and a sender whose segment is full waits for returned blocks -- or for
// abort().
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "resource_snapshot.hpp"
#include "shm_background_thread.hpp"
#include "tvp/echo.hpp"
#include "tvp/error.hpp"
#include "tvp/transport.hpp"

namespace tvp {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<Channel> make_handoff(std::size_t max_message, std::size_t window) {
  const TransportInfo* t = find_transport("shm_handoff");
  if (t == nullptr) throw std::runtime_error("shm_handoff is not in the registry");
  ChannelOptions o;
  o.max_message_bytes = max_message;
  o.window = window;
  return t->make(o);
}

using ShmHandoffTest = testing::LeakCheckedTest;

TEST_F(ShmHandoffTest, ReceiverReadsTheSendersMemoryInPlace) {
  auto ch = make_handoff(4096, 1);
  const auto buf = ch->a().prepare(300);
  fill_payload(buf, 7);
  ch->a().send();
  const auto msg = ch->b().receive();
  EXPECT_EQ(msg.data(), buf.data());
  EXPECT_EQ(msg.size(), 300u);
  EXPECT_TRUE(payload_ok(msg, 7, 300));
  ch->b().release();
}

TEST_F(ShmHandoffTest, FullSegmentMakesTheSenderWaitForReturnedBlocks) {
  constexpr std::size_t kBytes = 1u << 20;
  constexpr std::uint64_t kCount = 12;  // the segment holds two such messages
  auto ch = make_handoff(kBytes, 1);
  testing::BackgroundThread sender(
      [&] {
        for (std::uint64_t seq = 0; seq < kCount; ++seq) send_message(ch->a(), kBytes, seq);
      },
      [&] { ch->abort(); });
  std::this_thread::sleep_for(50ms);  // let the sender run into the full segment (not required)
  for (std::uint64_t seq = 0; seq < kCount; ++seq) receive_message(ch->b(), kBytes, seq);
  sender.join();
}

TEST_F(ShmHandoffTest, AbortStopsASenderWaitingForRoom) {
  constexpr std::size_t kBytes = 1u << 20;
  auto ch = make_handoff(kBytes, 1);
  testing::BackgroundThread sender(
      [&] {
        for (std::uint64_t seq = 0; seq < 100; ++seq) send_message(ch->a(), kBytes, seq);
      },
      [&] { ch->abort(); });
  std::this_thread::sleep_for(50ms);
  ch->abort();
  // No exception would mean 100 MiB went through a 2 MiB segment nobody read.
  EXPECT_THROW(sender.join(), ChannelClosed);
}

}  // namespace
}  // namespace tvp
