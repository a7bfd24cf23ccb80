// shm_mq specifics beyond the generic transport tests: its named queues never show up in
// /dev/shm (the names are removed before the factory returns), and abort() reaches an operation
// blocked inside the queue through the timed waits.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "resource_snapshot.hpp"
#include "shm_background_thread.hpp"
#include "tvp/error.hpp"
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

}  // namespace
}  // namespace tvp
