// posix_mq specifics beyond the generic transport tests: the queues keep to the limits in
// /proc/sys/fs/mqueue (a message larger than msgsize_max arrives whole, in pieces), their names are
// gone before the factory returns, and abort() reaches an operation blocked in mq_timedreceive.
#include <gtest/gtest.h>
#include <mqueue.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "resource_snapshot.hpp"
#include "shm_background_thread.hpp"
#include "tvp/error.hpp"
#include "tvp/transport.hpp"

namespace tvp {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<Channel> make_mq(std::size_t max_message, std::size_t window = 1) {
  const TransportInfo* t = find_transport("posix_mq");
  if (t == nullptr) throw std::runtime_error("posix_mq is not in the registry");
  ChannelOptions o;
  o.max_message_bytes = max_message;
  o.window = window;
  o.model = Model::process;
  return t->make(o);
}

long limit(const char* name, long fallback) {
  std::ifstream in(std::string("/proc/sys/fs/mqueue/") + name);
  long v = 0;
  return (in >> v) && v > 0 ? v : fallback;
}

struct OpenQueue {
  int fd;
  std::string link;  // what /proc/self/fd shows: the (removed) name
};

// This process's message queue descriptors (on Linux an mqd_t is a descriptor of the mqueue fs).
std::vector<OpenQueue> open_queues() {
  std::vector<OpenQueue> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    std::error_code link_ec;
    const std::string target = std::filesystem::read_symlink(e.path(), link_ec).string();
    if (!link_ec && target.rfind("/tvp-posix_mq-", 0) == 0)
      out.push_back({std::stoi(e.path().filename().string()), target});
  }
  return out;
}

using PosixMqTest = testing::LeakCheckedTest;

TEST_F(PosixMqTest, QueuesKeepToTheSystemLimitsAndHaveNoName) {
  auto ch = make_mq(4u << 20, 8);
  const auto queues = open_queues();
  ASSERT_EQ(queues.size(), 2u);
  const std::string own = "/tvp-posix_mq-" + std::to_string(::getpid()) + "-";
  for (const OpenQueue& q : queues) {
    EXPECT_EQ(q.link.rfind(own, 0), 0u) << q.link;
    EXPECT_NE(q.link.find("(deleted)"), std::string::npos) << q.link << ": still has its name";
    mq_attr attr{};
    ASSERT_EQ(::mq_getattr(static_cast<mqd_t>(q.fd), &attr), 0);
    EXPECT_EQ(attr.mq_msgsize, limit("msgsize_max", 8192));
    EXPECT_EQ(attr.mq_maxmsg, limit("msg_max", 10));
  }
  // ...and a message of many pieces still arrives whole (8 pieces: all fit in the queue at once,
  // as this one thread sends before it receives).
  constexpr std::size_t kBytes = 60'000;
  auto buf = ch->a().prepare(kBytes);
  for (std::size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<std::byte>(i * 7);
  ch->a().send();
  const auto msg = ch->b().receive();
  ASSERT_EQ(msg.size(), kBytes);
  for (std::size_t i = 0; i < msg.size(); i += 997) ASSERT_EQ(msg[i], static_cast<std::byte>(i * 7));
  ch->b().release();
}

TEST_F(PosixMqTest, SmallMessagesGetSmallQueues) {
  auto ch = make_mq(64);  // window 1: one 72-byte slot per direction
  for (const OpenQueue& q : open_queues()) {
    mq_attr attr{};
    ASSERT_EQ(::mq_getattr(static_cast<mqd_t>(q.fd), &attr), 0);
    EXPECT_EQ(attr.mq_msgsize, 8 + 64);
    EXPECT_EQ(attr.mq_maxmsg, 1);
  }
}

TEST_F(PosixMqTest, AbortReachesABlockedReceiver) {
  auto ch = make_mq(64);
  testing::BackgroundThread receiver([&] { (void)ch->a().receive(); }, [&] { ch->abort(); });
  std::this_thread::sleep_for(20ms);  // let it block in the queue (not required)
  const auto t0 = std::chrono::steady_clock::now();
  ch->abort();
  EXPECT_THROW(receiver.join(), ChannelClosed);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);  // bounded by the poll period, not timed
}

TEST_F(PosixMqTest, AbortReachesABlockedSender) {
  auto ch = make_mq(64);  // a queue one message deep: the second send blocks
  ch->a().prepare(64)[0] = std::byte{1};
  ch->a().send();
  testing::BackgroundThread sender(
      [&] {
        ch->a().prepare(64)[0] = std::byte{2};
        ch->a().send();
      },
      [&] { ch->abort(); });
  std::this_thread::sleep_for(20ms);
  ch->abort();
  EXPECT_THROW(sender.join(), ChannelClosed);
}

}  // namespace
}  // namespace tvp
