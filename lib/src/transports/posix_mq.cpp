// posix_mq: one POSIX message queue (mq_open) per direction. Two copies per queue message (sender
// -> kernel, kernel -> receiver), as the pipe, but with the kernel keeping message boundaries and
// a fixed number of fixed-size slots.
//
// Limits: an unprivileged process cannot create a queue deeper than /proc/sys/fs/mqueue/msg_max
// (default 10) or with messages larger than msgsize_max (default 8192); both are read when the
// channel is made, and a privileged process keeps to them too, so every user measures the same
// queue. A message therefore travels as pieces of up to msgsize_max bytes: the first starts with
// an 8-byte total length, and the receiver lays the pieces end to end in its own buffer (as
// shm_mq does with its slots). A queue is as deep as `window` messages need, at most msg_max: a
// windowed echo stays deadlock-free while window x pieces per message fits msg_max; more in
// flight makes the sender wait for the receiver (flow control, not a hang). The queues also count
// against the per-user RLIMIT_MSGQUEUE (819200 bytes by default: ~4 channels of 2 x 10 x 8 KiB
// at once); exceeding it is a clear error, never a silently smaller queue.
//
// Names: "/tvp-posix_mq-<pid>-<64 random bits>", created O_CREAT | O_EXCL, mode 0600 (nobody can
// pre-create or guess it to slip in between), and unlinked as soon as it is open: both endpoints
// (and a forked child, which inherits the descriptors) use the one O_RDWR descriptor, so the name
// is never needed again and nothing can be left in /dev/mqueue, even after a SIGKILL.
//
// A dead peer: a message queue has no connection, so nothing in the kernel reports the peer's
// death (its descriptors closing changes nothing for ours). Every wait is therefore an
// mq_timedsend / mq_timedreceive of at most kPollPeriod, re-checking the channel's abort flag in
// between; the flag lives in a shared anonymous mapping, so abort() from the watchdog (which sees a
// child die, or a thread fail, stall or return early) stops waits in both processes within
// kPollPeriod. Unlike shm_mq's Boost queue there is no user-space lock a dying peer could leave
// held: the kernel takes and drops the queue's lock inside each call.
#include <fcntl.h>
#include <mqueue.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <new>
#include <random>
#include <string>
#include <utility>

#include "queues/message_pieces.hpp"
#include "shm/message_limits.hpp"
#include "shm/region.hpp"
#include "tvp/error.hpp"
#include "tvp/sync/abort_flag.hpp"
#include "tvp/sync/cache_line.hpp"
#include "tvp/transport.hpp"

namespace tvp::transports {
namespace {

using sync::AbortFlag;

constexpr std::size_t kLengthBytes = queues::MessagePieces::kLengthBytes;
// The longest a blocked operation takes to notice abort(); a wait that times out costs one more
// system call, nothing while messages flow.
constexpr auto kPollPeriod = std::chrono::milliseconds(100);
constexpr const char* kLimitsDir = "/proc/sys/fs/mqueue/";

// A limit from /proc/sys/fs/mqueue, or the kernel's default if it cannot be read.
long read_limit(const char* file, long fallback) {
  std::ifstream in(std::string(kLimitsDir) + file);
  long v = 0;
  return (in >> v) && v > 0 ? v : fallback;
}

struct Geometry {
  long msgsize;               // bytes per queue message (mq_msgsize)
  long depth;                 // messages per queue (mq_maxmsg)
  long msg_max, msgsize_max;  // the limits it was cut to, for messages
};

Geometry geometry_for(const ChannelOptions& o) {
  Geometry g{};
  g.msg_max = read_limit("msg_max", 10);
  g.msgsize_max = read_limit("msgsize_max", 8192);
  const std::size_t framed = kLengthBytes + o.max_message_bytes;
  const std::size_t piece = std::min(framed, static_cast<std::size_t>(g.msgsize_max));
  const std::size_t pieces = (framed + piece - 1) / piece;
  const std::size_t wanted = std::max<std::size_t>(o.window, 1) * pieces;
  g.msgsize = static_cast<long>(piece);
  g.depth = static_cast<long>(std::min(wanted, static_cast<std::size_t>(g.msg_max)));
  return g;
}

std::string random_suffix() {
  std::random_device rd;  // getrandom(): unpredictable, unlike a pid and a counter
  const std::uint64_t v = (std::uint64_t{rd()} << 32) ^ rd();
  char buf[17];
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) buf[i] = kHex[(v >> (60 - 4 * i)) & 0xf];
  buf[16] = '\0';
  return buf;
}

// The owner of one queue descriptor, whose name is already gone.
class Queue {
 public:
  // Creates a fresh queue and unlinks its name before returning. Throws SystemError.
  Queue(const Geometry& g, const char* what) {
    mq_attr attr{};
    attr.mq_maxmsg = g.depth;
    attr.mq_msgsize = g.msgsize;
    for (int attempt = 0;; ++attempt) {
      const std::string name =
          "/tvp-" + std::string(what) + "-" + std::to_string(::getpid()) + "-" + random_suffix();
      q_ = ::mq_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
      if (q_ != kNone) {
        ::mq_unlink(name.c_str());  // every end is this descriptor: the name has done its job
        return;
      }
      if (errno == EEXIST && attempt < 8) continue;  // 64 random bits taken: try others
      throw_open_error(name, g, what);
    }
  }
  ~Queue() {
    if (q_ != kNone) ::mq_close(q_);
  }
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;

  mqd_t get() const noexcept { return q_; }

 private:
  static constexpr mqd_t kNone = static_cast<mqd_t>(-1);

  [[noreturn]] static void throw_open_error(const std::string& name, const Geometry& g,
                                            const char* what) {
    const int err = errno;
    rlimit rl{};
    ::getrlimit(RLIMIT_MSGQUEUE, &rl);
    std::string cause = std::string(what) + ": mq_open " + name + " (" + std::to_string(g.depth) +
                        " x " + std::to_string(g.msgsize) + " bytes; " + kLimitsDir + " msg_max " +
                        std::to_string(g.msg_max) + ", msgsize_max " +
                        std::to_string(g.msgsize_max);
    if (err == EMFILE)
      cause += "; per-user RLIMIT_MSGQUEUE " + std::to_string(rl.rlim_cur) +
               " bytes (ulimit -q) or the descriptor limit reached";
    if (err == ENOSPC) cause += "; queues_max reached";
    if (err == ENOSYS) cause += "; kernel without POSIX message queues";
    throw SystemError(cause + ")", err);
  }

  mqd_t q_ = kNone;
};

// An absolute CLOCK_REALTIME deadline kPollPeriod from now (what mq_timed* take).
timespec poll_deadline() noexcept {
  timespec t{};
  ::clock_gettime(CLOCK_REALTIME, &t);
  t.tv_nsec += std::chrono::nanoseconds(kPollPeriod).count();
  t.tv_sec += t.tv_nsec / 1'000'000'000;
  t.tv_nsec %= 1'000'000'000;
  return t;
}

// Own cache line(s): in the thread model both endpoints sit side by side in this process.
class alignas(sync::kCacheLine) MqEndpoint final : public Endpoint {
 public:
  MqEndpoint(mqd_t out, mqd_t in, std::size_t max_message, std::size_t msgsize,
             const AbortFlag& aborted, const char* what)
      : out_q_(out),
        in_q_(in),
        aborted_(aborted),
        what_(what),
        pieces_(max_message, msgsize, what) {}

  std::span<std::byte> prepare(std::size_t bytes) override { return pieces_.prepare(bytes); }

  void send() override {
    aborted_.throw_if_raised(what_);
    pieces_.send([this](const std::byte* p, std::size_t n) { send_piece(p, n); });
  }

  std::span<const std::byte> receive() override {
    aborted_.throw_if_raised(what_);
    return pieces_.receive(
        [this](std::byte* into, std::size_t room) { return receive_piece(into, room); });
  }

  void release() override {}
  // Nothing to close: both endpoints share the two queue descriptors, and closing ours would not
  // tell the peer anything (see the top of the file).

 private:
  void send_piece(const std::byte* p, std::size_t n) {
    for (;;) {
      const timespec deadline = poll_deadline();
      if (::mq_timedsend(out_q_, reinterpret_cast<const char*>(p), n, 0, &deadline) == 0) return;
      if (errno == ETIMEDOUT) {
        aborted_.throw_if_raised(what_);
        continue;  // the receiver is behind (queue full)
      }
      if (errno == EINTR) continue;
      throw_errno(std::string(what_) + ": mq_timedsend");
    }
  }

  // Receives one piece into `into` (room: what is left of the buffer); returns its size.
  std::size_t receive_piece(std::byte* into, std::size_t room) {
    for (;;) {
      const timespec deadline = poll_deadline();
      const ssize_t got =
          ::mq_timedreceive(in_q_, reinterpret_cast<char*>(into), room, nullptr, &deadline);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno == ETIMEDOUT) {
        aborted_.throw_if_raised(what_);
        continue;  // nothing yet
      }
      if (errno == EINTR) continue;
      throw_errno(std::string(what_) + ": mq_timedreceive");
    }
  }

  mqd_t out_q_, in_q_;
  const AbortFlag& aborted_;
  const char* what_;
  queues::MessagePieces pieces_;  // the pieces of a message and both buffers
};

class MqChannel final : public Channel {
 public:
  MqChannel(const ChannelOptions& o, const char* what)
      : geometry_((shm::require_options(o, what), geometry_for(o))),
        flag_region_(sizeof(AbortFlag)),
        aborted_(new (flag_region_.data()) AbortFlag()),
        ab_(geometry_, what),
        ba_(geometry_, what),
        a_(ab_.get(), ba_.get(), o.max_message_bytes, static_cast<std::size_t>(geometry_.msgsize),
           *aborted_, what),
        b_(ba_.get(), ab_.get(), o.max_message_bytes, static_cast<std::size_t>(geometry_.msgsize),
           *aborted_, what) {}

  Endpoint& a() override { return a_; }
  Endpoint& b() override { return b_; }
  // Blocked operations notice the flag at the end of their current timed wait (<= kPollPeriod).
  void abort() noexcept override { aborted_->raise(); }

 private:
  Geometry geometry_;
  shm::ShmRegion flag_region_;  // the abort flag must be seen by a forked peer too
  AbortFlag* aborted_;
  Queue ab_, ba_;
  MqEndpoint a_, b_;
};

}  // namespace

std::unique_ptr<Channel> make_posix_mq(const ChannelOptions& o, const char* what) {
  return std::make_unique<MqChannel>(o, what);
}

}  // namespace tvp::transports
