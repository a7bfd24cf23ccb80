// memfd_seal specifics beyond the generic transport tests: the receiver refuses whatever is not a
// sealed memfd of the announced size, and closes every descriptor it was handed on each of those
// error paths (LeakCheckedTest counts them), including when it is out of descriptors (MSG_CTRUNC).
// The forged packets are written straight into endpoint a's socket, found in /proc/self/fd.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <set>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "resource_snapshot.hpp"
#include "shm_background_thread.hpp"
#include "tvp/error.hpp"
#include "tvp/transport.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp {
namespace {

using namespace std::chrono_literals;

std::set<int> socket_fds() {
  std::set<int> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    std::error_code link_ec;
    const auto target = std::filesystem::read_symlink(e.path(), link_ec);
    if (!link_ec && target.string().rfind("socket:", 0) == 0)
      out.insert(std::stoi(e.path().filename().string()));
  }
  return out;
}

class MemfdSealTest : public testing::LeakCheckedTest {
 protected:
  void SetUp() override {
    LeakCheckedTest::SetUp();
    const TransportInfo* t = find_transport("memfd_seal");
    ASSERT_NE(t, nullptr) << "memfd_seal is not in the registry";
    const std::set<int> before = socket_fds();
    ChannelOptions o;
    o.max_message_bytes = 4096;
    ch_ = t->make(o);
    std::vector<int> fresh;
    for (int fd : socket_fds())
      if (!before.count(fd)) fresh.push_back(fd);
    // socketpair() numbers its two sockets in order; the first is endpoint a's.
    ASSERT_EQ(fresh.size(), 2u);
    a_socket_ = fresh[0];
  }
  void TearDown() override {
    ch_.reset();
    LeakCheckedTest::TearDown();
  }

  // Sends a packet of `data` with `fds` (none, one or more) from a's socket, as a sender might.
  void forge(const void* data, std::size_t bytes, std::vector<int> fds) {
    iovec iov{const_cast<void*>(data), bytes};
    alignas(cmsghdr) char control[CMSG_SPACE(4 * sizeof(int))] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (!fds.empty()) {
      msg.msg_control = control;
      msg.msg_controllen = CMSG_SPACE(fds.size() * sizeof(int));
      cmsghdr* c = CMSG_FIRSTHDR(&msg);
      c->cmsg_level = SOL_SOCKET;
      c->cmsg_type = SCM_RIGHTS;
      c->cmsg_len = CMSG_LEN(fds.size() * sizeof(int));
      std::memcpy(CMSG_DATA(c), fds.data(), fds.size() * sizeof(int));
    }
    ASSERT_GE(::sendmsg(a_socket_, &msg, MSG_NOSIGNAL), 0) << std::strerror(errno);
  }
  void forge(std::uint64_t len, std::vector<int> fds) { forge(&len, sizeof len, std::move(fds)); }

  // b's receive must fail with a VerifyError whose message contains `cause`.
  void expect_rejected(const std::string& cause) {
    try {
      (void)ch_->b().receive();
      ch_->b().release();
      ADD_FAILURE() << "a bad message was accepted; expected: " << cause;
    } catch (const VerifyError& e) {
      EXPECT_NE(std::string(e.what()).find(cause), std::string::npos) << e.what();
    }
  }

  static UniqueFd memfd(std::size_t bytes, int seals) {
    UniqueFd fd(::memfd_create("tvp-test", MFD_CLOEXEC | MFD_ALLOW_SEALING));
    EXPECT_TRUE(fd.valid()) << std::strerror(errno);
    EXPECT_EQ(::ftruncate(fd.get(), static_cast<off_t>(bytes)), 0);
    if (seals != 0) {
      EXPECT_EQ(::fcntl(fd.get(), F_ADD_SEALS, seals), 0) << std::strerror(errno);
    }
    return fd;
  }

  static constexpr int kAll = F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL;
  std::unique_ptr<Channel> ch_;
  int a_socket_ = -1;
};

TEST_F(MemfdSealTest, OneByteAndLargestMessagesArriveIntact) {
  for (std::size_t bytes : {std::size_t{1}, std::size_t{4096}}) {
    auto buf = ch_->a().prepare(bytes);
    buf[0] = std::byte{7};
    buf[bytes - 1] = std::byte{42};
    ch_->a().send();
    const auto msg = ch_->b().receive();
    ASSERT_EQ(msg.size(), bytes);
    EXPECT_EQ(msg[0], bytes == 1 ? std::byte{42} : std::byte{7});
    EXPECT_EQ(msg[bytes - 1], std::byte{42});
    ch_->b().release();
  }
}

TEST_F(MemfdSealTest, ZeroBytesAreRefusedOnBothSides) {
  EXPECT_THROW((void)ch_->a().prepare(0), std::invalid_argument);
  const UniqueFd fd = memfd(0, kAll);
  forge(0, {fd.get()});
  expect_rejected("announced length 0");
}

TEST_F(MemfdSealTest, UnsealedMemfdIsRejected) {
  const UniqueFd fd = memfd(64, 0);
  forge(64, {fd.get()});
  expect_rejected("not sealed");
}

TEST_F(MemfdSealTest, MemfdStillWritableIsRejected) {
  const UniqueFd fd = memfd(64, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL);
  forge(64, {fd.get()});
  expect_rejected("not sealed");
}

TEST_F(MemfdSealTest, SizeOtherThanAnnouncedIsRejected) {
  const UniqueFd fd = memfd(32, kAll);
  forge(64, {fd.get()});
  expect_rejected("memfd of 32 bytes announced as 64");
}

TEST_F(MemfdSealTest, DescriptorThatIsNotAMemfdIsRejected) {
  const PipeFds p = make_pipe();
  forge(64, {p.read.get()});
  expect_rejected("not a sealable memfd");
}

TEST_F(MemfdSealTest, PacketWithoutOrWithTwoDescriptorsIsRejected) {
  forge(64, {});
  expect_rejected("0 descriptors");
  const UniqueFd x = memfd(64, kAll), y = memfd(64, kAll);
  forge(64, {x.get(), y.get()});
  expect_rejected("2 descriptors");  // and both were closed: LeakCheckedTest
}

// Lowers RLIMIT_NOFILE to the lowest free descriptor number, so that none can be installed, until
// destroyed.
class NoFreeDescriptor {
 public:
  NoFreeDescriptor() {
    EXPECT_EQ(::getrlimit(RLIMIT_NOFILE, &saved_), 0);
    const UniqueFd lowest(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    EXPECT_TRUE(lowest.valid());
    rlimit tight = saved_;
    tight.rlim_cur = static_cast<rlim_t>(lowest.get());
    EXPECT_EQ(::setrlimit(RLIMIT_NOFILE, &tight), 0);  // (lowest closes after this)
  }
  ~NoFreeDescriptor() { ::setrlimit(RLIMIT_NOFILE, &saved_); }
  NoFreeDescriptor(const NoFreeDescriptor&) = delete;
  NoFreeDescriptor& operator=(const NoFreeDescriptor&) = delete;

 private:
  rlimit saved_{};
};

TEST_F(MemfdSealTest, ReceiverOutOfDescriptorsReportsMsgCtrunc) {
  ch_->a().prepare(64)[0] = std::byte{1};
  ch_->a().send();
  // The error is read once the limit is lifted: UBSan's vptr check of e.what() needs a free
  // descriptor, and reported a false "invalid vptr" without one.
  std::exception_ptr caught;
  {
    const NoFreeDescriptor limit;
    try {
      (void)ch_->b().receive();
    } catch (...) {
      caught = std::current_exception();
    }
  }
  std::string error;
  try {
    if (caught) std::rethrow_exception(caught);
  } catch (const VerifyError& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("MSG_CTRUNC"), std::string::npos) << "error: '" << error << "'";
}

TEST_F(MemfdSealTest, AbortReachesABlockedReceiver) {
  testing::BackgroundThread receiver([&] { (void)ch_->a().receive(); }, [&] { ch_->abort(); });
  std::this_thread::sleep_for(20ms);  // let it block in recvmsg (not required)
  ch_->abort();
  EXPECT_THROW(receiver.join(), ChannelClosed);
}

}  // namespace
}  // namespace tvp
