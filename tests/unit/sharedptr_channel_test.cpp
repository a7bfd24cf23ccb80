// The shared_ptr handoff channels. Through the registry: the process model is refused, the body is
// handed over in place (no copy), abort() wakes a blocked receive yet still delivers what was sent
// before it, and the window back-pressures the sender. Through the channel template with a message
// type that counts itself: the receiver is the last owner, and every message (queued, held,
// prepared) is freed with the channel, also after abort().
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "queues/locked_queue.hpp"
#include "sharedptr/handoff_channel.hpp"
#include "tvp/echo.hpp"
#include "tvp/error.hpp"
#include "tvp/queues/spsc_pointer_queue.hpp"
#include "tvp/transport.hpp"

namespace tvp::sharedptr {
namespace {

using namespace std::chrono_literals;

// ---- the registered transports ----

class SharedPtrTransportTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::unique_ptr<Channel> make(std::size_t window, Model model = Model::thread) {
    const TransportInfo* t = find_transport(GetParam());
    if (t == nullptr) throw std::logic_error(GetParam() + " is not in the registry");
    ChannelOptions o;
    o.max_message_bytes = 4096;
    o.window = window;
    o.model = model;
    return t->make(o);
  }
};

TEST_P(SharedPtrTransportTest, RegistryRowSaysThreadOnlyZeroCopy) {
  const TransportInfo* t = find_transport(GetParam());
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->thread_ok);
  EXPECT_FALSE(t->process_ok);
  EXPECT_FALSE(t->copies);
}

TEST_P(SharedPtrTransportTest, ProcessModelIsRefusedWithAClearError) {
  try {
    make(1, Model::process);
    FAIL() << "a process-model channel was created";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find(GetParam() + ": model 'process' refused"), 0u) << what;
  }
  EXPECT_THROW(make(0), std::invalid_argument);
}

TEST_P(SharedPtrTransportTest, ReceiverReadsTheBytesTheSenderWrote) {
  auto ch = make(1);
  for (auto [from, to] : {std::pair{&ch->a(), &ch->b()}, std::pair{&ch->b(), &ch->a()}}) {
    const auto written = from->prepare(100);
    fill_payload(written, 3);
    from->send();
    const auto read = to->receive();
    EXPECT_EQ(read.data(), written.data()) << "the body was copied";
    EXPECT_EQ(read.size(), 100u);
    EXPECT_TRUE(payload_ok(read, 3, 100));
    to->release();
  }
  EXPECT_THROW(ch->a().prepare(4097), std::invalid_argument);
  EXPECT_THROW(ch->a().prepare(0), std::invalid_argument);
}

TEST_P(SharedPtrTransportTest, AbortWakesABlockedReceiveAndRefusesLaterOperations) {
  auto ch = make(2);
  auto receiver = std::async(std::launch::async, [&] { (void)ch->b().receive(); });
  std::this_thread::sleep_for(20ms);  // usually blocked by now; the test holds either way
  ch->abort();
  EXPECT_THROW(receiver.get(), ChannelClosed);
  EXPECT_THROW(ch->a().prepare(64), ChannelClosed);
  EXPECT_THROW(ch->b().prepare(64), ChannelClosed);
  EXPECT_THROW(ch->a().receive(), ChannelClosed);
  EXPECT_NO_THROW(ch->a().release());
}

TEST_P(SharedPtrTransportTest, MessageSentBeforeAbortIsStillDelivered) {
  auto ch = make(2);
  send_message(ch->a(), 64, 0);
  ch->abort();
  EXPECT_THROW(ch->a().prepare(64), ChannelClosed);
  receive_message(ch->b(), 64, 0);  // sent before the abort: delivered, like a dead socket's answer
  EXPECT_THROW(ch->b().receive(), ChannelClosed);
}

TEST_P(SharedPtrTransportTest, FullWindowHoldsTheSenderUntilTheReceiverTakesOne) {
  auto ch = make(2);
  send_message(ch->a(), 64, 0);
  send_message(ch->a(), 64, 1);
  auto third = std::async(std::launch::async, [&] { send_message(ch->a(), 64, 2); });
  // Can only pass late on a stalled machine, never fail spuriously: a missing bound returns at
  // once.
  EXPECT_EQ(third.wait_for(50ms), std::future_status::timeout) << "send beyond the window returned";
  receive_message(ch->b(), 64, 0);
  EXPECT_EQ(third.wait_for(30s), std::future_status::ready);
  receive_message(ch->b(), 64, 1);
  receive_message(ch->b(), 64, 2);
  ch->abort();  // releases a sender that a bug left blocked, so the future can be destroyed
}

INSTANTIATE_TEST_SUITE_P(Both, SharedPtrTransportTest,
                         ::testing::Values("sharedptr_mutex", "sharedptr_spsc"),
                         [](const auto& p) { return p.param; });

// ---- the channel template with a counting message ----

struct CountedMessage {
  static inline std::atomic<int> live{0};
  static inline std::atomic<std::thread::id> freed_on{};

  explicit CountedMessage(std::size_t bytes) : bytes_(bytes) { ++live; }
  ~CountedMessage() {
    --live;
    freed_on = std::this_thread::get_id();
  }
  CountedMessage(const CountedMessage&) = delete;
  CountedMessage& operator=(const CountedMessage&) = delete;
  std::span<std::byte> body() noexcept { return bytes_; }
  std::span<const std::byte> body() const noexcept { return bytes_; }

 private:
  std::vector<std::byte> bytes_;
};

template <class Queue>
class CountedChannelTest : public ::testing::Test {
 protected:
  void SetUp() override { CountedMessage::live = 0; }
  void TearDown() override {
    EXPECT_EQ(CountedMessage::live, 0) << "a message outlived its channel";
  }
  static std::unique_ptr<Channel> make(std::size_t window) {
    ChannelOptions o;
    o.max_message_bytes = 64;
    o.window = window;
    return std::make_unique<HandoffChannel<Queue>>(o, "counted");
  }
};

using CountedPtr = std::shared_ptr<const CountedMessage>;
using CountedQueues =
    ::testing::Types<queues::LockedQueue<CountedPtr>, queues::SpscPointerQueue<CountedPtr>>;
TYPED_TEST_SUITE(CountedChannelTest, CountedQueues);

TYPED_TEST(CountedChannelTest, TheReceiverIsTheLastOwnerAndFreesTheMessage) {
  auto ch = this->make(1);
  std::thread::id receiver_id;
  std::thread receiver([&] {
    receiver_id = std::this_thread::get_id();
    (void)ch->b().receive();
    ch->b().release();
  });
  ch->a().prepare(64);
  ch->a().send();
  receiver.join();
  EXPECT_EQ(CountedMessage::live, 0);
  EXPECT_EQ(CountedMessage::freed_on.load(), receiver_id);
}

TYPED_TEST(CountedChannelTest, QueuedHeldAndPreparedMessagesDieWithTheChannel) {
  auto ch = this->make(4);
  for (int i = 0; i < 3; ++i) {
    ch->a().prepare(64);
    ch->a().send();
  }
  (void)ch->b().receive();  // held, never released
  ch->b().prepare(8);       // prepared, never sent
  EXPECT_EQ(CountedMessage::live, 4);
  ch.reset();
  EXPECT_EQ(CountedMessage::live, 0);
}

TYPED_TEST(CountedChannelTest, MessagesDieWithTheChannelAfterAbort) {
  auto ch = this->make(2);
  for (int i = 0; i < 2; ++i) {
    ch->a().prepare(64);
    ch->a().send();
  }
  ch->b().prepare(8);
  ch->abort();
  EXPECT_THROW(ch->b().send(), ChannelClosed);  // the refused message is freed, not leaked
  EXPECT_EQ(CountedMessage::live, 2);
  ch.reset();
  EXPECT_EQ(CountedMessage::live, 0);
}

}  // namespace
}  // namespace tvp::sharedptr
