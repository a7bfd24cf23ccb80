// The two queues behind the shared_ptr transports, with a value type that counts its live
// instances and its copies (as rigtorp/SPSCQueue's tests do): FIFO order across threads with no
// copy on the way, back-pressure when full, close() waking both kinds of waiter while what was
// queued before it is still delivered, and every value still queued destroyed with the queue.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "queues/locked_queue.hpp"
#include "tvp/error.hpp"
#include "tvp/queues/spsc_pointer_queue.hpp"

namespace tvp::queues {
namespace {

using namespace std::chrono_literals;

// Copyable (boost::circular_buffer in LockedQueue requires it) but counts every copy.
struct Tracked {
  static inline std::atomic<int> live{0};
  static inline std::atomic<int> copies{0};
  int value = -1;

  Tracked() { ++live; }
  explicit Tracked(int v) : value(v) { ++live; }
  Tracked(const Tracked& o) : value(o.value) { ++live, ++copies; }
  Tracked(Tracked&& o) noexcept : value(o.value) { ++live; }
  Tracked& operator=(const Tracked& o) {
    value = o.value;
    ++copies;
    return *this;
  }
  Tracked& operator=(Tracked&& o) noexcept {
    value = o.value;
    return *this;
  }
  ~Tracked() { --live; }
};

template <class Queue>
class SharedPtrQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Tracked::live = 0;
    Tracked::copies = 0;
  }
  void TearDown() override { EXPECT_EQ(Tracked::live, 0) << "a constructor missed its destructor"; }
};

using Queues =
    ::testing::Types<LockedQueue<Tracked>, SpscPointerQueue<Tracked, sync::SpinYieldWait>,
                     SpscPointerQueue<Tracked, sync::FutexWait>>;
TYPED_TEST_SUITE(SharedPtrQueueTest, Queues);

TYPED_TEST(SharedPtrQueueTest, KeepsFifoOrderAcrossThreadsWithoutCopying) {
  constexpr int kCount = 100'000;
  TypeParam q(4, "test");  // small, so both the full and the empty wait are exercised
  std::thread producer([&] {
    for (int i = 0; i < kCount; ++i) q.push(Tracked(i));
  });
  int out_of_order = 0;
  for (int i = 0; i < kCount; ++i) out_of_order += q.pop().value != i;
  producer.join();
  EXPECT_EQ(out_of_order, 0);
  EXPECT_EQ(Tracked::copies, 0) << "a handoff copied the value instead of moving it";
}

TYPED_TEST(SharedPtrQueueTest, FullQueueHoldsTheProducerUntilAPop) {
  TypeParam q(2, "test");
  q.push(Tracked(0));
  q.push(Tracked(1));
  auto third = std::async(std::launch::async, [&] { q.push(Tracked(2)); });
  // Can only pass late on a stalled machine, never fail spuriously: a broken bound returns at once.
  EXPECT_EQ(third.wait_for(50ms), std::future_status::timeout) << "push into a full queue returned";
  EXPECT_EQ(q.pop().value, 0);
  EXPECT_EQ(third.wait_for(30s), std::future_status::ready);
  EXPECT_EQ(q.pop().value, 1);
  EXPECT_EQ(q.pop().value, 2);
  q.close();  // releases a producer that a bug left blocked, so the future can be destroyed
}

TYPED_TEST(SharedPtrQueueTest, CloseWakesEveryWaiterAndRefusesLaterOperations) {
  TypeParam empty(1, "test"), full(1, "test");
  full.push(Tracked(0));
  auto popper = std::async(std::launch::async, [&] { (void)empty.pop(); });
  auto pusher = std::async(std::launch::async, [&] { full.push(Tracked(1)); });
  std::this_thread::sleep_for(20ms);  // usually both are waiting by now; the test holds either way
  empty.close();
  full.close();
  EXPECT_THROW(popper.get(), ChannelClosed);
  EXPECT_THROW(pusher.get(), ChannelClosed);
  EXPECT_EQ(full.pop().value, 0) << "a value pushed before close() was lost";
  EXPECT_THROW(full.pop(), ChannelClosed);
  Tracked kept(7);
  EXPECT_THROW(empty.push(std::move(kept)), ChannelClosed);
  EXPECT_EQ(kept.value, 7);
  EXPECT_THROW(empty.throw_if_closed(), ChannelClosed);
}

TYPED_TEST(SharedPtrQueueTest, QueuedValuesDieWithTheQueueEvenAfterClose) {
  {
    TypeParam q(4, "test");
    for (int i = 0; i < 3; ++i) q.push(Tracked(i));
    EXPECT_EQ(Tracked::live, 3);
  }
  EXPECT_EQ(Tracked::live, 0);
  {
    TypeParam q(4, "test");
    for (int i = 0; i < 4; ++i) q.push(Tracked(i));
    q.close();
  }
  EXPECT_EQ(Tracked::live, 0);
  {
    // After several laps round a ring, only the slots that still hold a value are destroyed.
    TypeParam q(3, "test");
    for (int i = 0; i < 8; ++i) {
      q.push(Tracked(i));
      if (i >= 2) {
        EXPECT_EQ(q.pop().value, i - 2);
      }
    }
    EXPECT_EQ(Tracked::live, 2);
  }
  EXPECT_EQ(Tracked::live, 0);
}

TYPED_TEST(SharedPtrQueueTest, ClosedErrorNamesTheTransport) {
  TypeParam q(1, "sharedptr_test");
  q.close();
  try {
    (void)q.pop();
    FAIL() << "pop on a closed queue returned";
  } catch (const ChannelClosed& e) {
    EXPECT_STREQ(e.what(), "sharedptr_test: channel aborted");
  }
}

}  // namespace
}  // namespace tvp::queues
