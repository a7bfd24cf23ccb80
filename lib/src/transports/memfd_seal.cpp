// memfd_seal: every message is its own sealed memfd, handed over whole. The process analogue of
// moving a shared_ptr<const Message>: the sender owns a fresh object, writes it once, makes it
// immutable, and gives its only reference away; the receiver reads it in place. No copy of the
// payload (the kernel zeroes the new pages, the sender writes them, the receiver maps the same
// pages), no spinning: the fd travels through a socket the receiver blocks on.
//
//   sender:   memfd_create -> ftruncate(n) -> mmap rw (prepare() hands this out) -> [fill]
//             -> munmap -> F_ADD_SEALS(WRITE|SHRINK|GROW|SEAL) -> sendmsg(SCM_RIGHTS) -> close
//   receiver: recvmsg -> F_GET_SEALS (must be sealed) -> fstat (size == announced length)
//             -> mmap read-only -> close -> [read in place] -> release(): munmap
//
// The carrier is an AF_UNIX SOCK_SEQPACKET socketpair (fd/socket_channel.hpp, like unix_seqpacket):
// one packet per message, its data part the 8-byte length, its control part the one descriptor.
// Seqpacket because it is connected: a dead peer reads as end-of-file, and abort()'s shutdown wakes
// a blocked recvmsg, so no watchdog timeout is needed.
//
// Why the receiver trusts nothing: a memfd without F_SEAL_WRITE can be changed under the reader by
// whoever else holds it (the sender could keep a writable mapping and write while we verify), and
// without F_SEAL_SHRINK it can be truncated, and touching a mapped page past the end is SIGBUS. So
// the seals are checked (F_GET_SEALS fails outright on anything that is not a sealable memfd), and
// the size too; F_SEAL_SEAL is set by the sender but not required: it only forbids adding seals.
//
// 0 bytes: mmap of length 0 is EINVAL, and the Endpoint interface REQUIRES 1 <= bytes, so
// prepare(0) is rejected as by every transport (std::invalid_argument), and a packet announcing 0
// bytes is a VerifyError: no empty memfd is ever mapped. 1 byte is an ordinary 1-byte memfd (one
// page mapped).
//
// Descriptors: at most one prepared and none held per endpoint (the receiver closes the memfd right
// after mapping it; the mapping keeps the file alive), plus the messages in flight, which the
// kernel charges to the sender's RLIMIT_NOFILE (sendmsg fails with ETOOMANYREFS past it). A
// receiver out of descriptors gets the packet with MSG_CTRUNC and no fd: reported, never misread.
// Every descriptor that arrives is owned by a UniqueFd before anything is checked, so each error
// path closes it.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "fd/socket_channel.hpp"
#include "shm/message_limits.hpp"
#include "tvp/error.hpp"
#include "tvp/fd/io.hpp"
#include "tvp/transport.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::transports {
namespace {

// Linux 6.3's flag (not in Debian 12's 6.1 headers): the memfd can never be made executable. It is
// data, and with vm.memfd_noexec=2 a memfd without it is refused. Older kernels: EINVAL, retried
// without it.
constexpr unsigned kNoExecSeal = 0x0008U;  // MFD_NOEXEC_SEAL
constexpr int kSeals = F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL;
constexpr int kRequiredSeals = F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW;  // immutable, fixed size

// One mmap()ed range; munmap()s it when reset or destroyed.
class Mapping {
 public:
  Mapping() noexcept = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() { reset(); }

  // Maps `bytes` of `fd` from offset 0, shared. MAP_POPULATE: all page-table entries are made in
  // this one call (a fresh memfd's pages allocated in bulk) instead of one fault per 4 KiB page.
  // REQUIRES bytes >= 1. Throws SystemError.
  void map(int fd, std::size_t bytes, int prot, const char* what) {
    reset();
    void* p = ::mmap(nullptr, bytes, prot, MAP_SHARED | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED)
      throw_errno(std::string(what) + ": mmap of a " + std::to_string(bytes) + "-byte memfd");
    addr_ = static_cast<std::byte*>(p);
    bytes_ = bytes;
  }
  void reset() noexcept {
    if (addr_) ::munmap(addr_, bytes_);
    addr_ = nullptr;
    bytes_ = 0;
  }
  std::byte* data() const noexcept { return addr_; }
  std::size_t size() const noexcept { return bytes_; }
  explicit operator bool() const noexcept { return addr_ != nullptr; }

 private:
  std::byte* addr_ = nullptr;
  std::size_t bytes_ = 0;
};

UniqueFd create_memfd(const char* what) {
  static std::atomic<bool> no_exec_seal{true};  // cleared once if the kernel predates the flag
  const unsigned base = MFD_CLOEXEC | MFD_ALLOW_SEALING;
  for (;;) {
    const bool noexec = no_exec_seal.load(std::memory_order_relaxed);
    // The name is only a label in /proc/<pid>/fd ("memfd:tvp-memfd_seal"): a memfd has no path,
    // so nothing can be left in /dev/shm.
    const int fd = ::memfd_create("tvp-memfd_seal", base | (noexec ? kNoExecSeal : 0U));
    if (fd >= 0) return UniqueFd(fd);
    if (errno == EINVAL && noexec) {
      no_exec_seal.store(false, std::memory_order_relaxed);
      continue;
    }
    if (errno == EMFILE) throw_errno(std::string(what) + ": memfd_create (RLIMIT_NOFILE reached)");
    throw_errno(std::string(what) + ": memfd_create");
  }
}

class MemfdEndpoint final : public Endpoint {
 public:
  MemfdEndpoint(UniqueFd socket, std::size_t max_message_bytes, const std::atomic<bool>& aborted,
                const char* what)
      : socket_(std::move(socket)), max_(max_message_bytes), aborted_(aborted), what_(what) {}

  std::span<std::byte> prepare(std::size_t bytes) override {
    shm::require_message_size(bytes, max_, what_);  // 1..max: never an mmap of 0 bytes
    out_map_.reset();  // a prepared message that was never sent is dropped
    out_fd_ = create_memfd(what_);
    if (::ftruncate(out_fd_.get(), static_cast<off_t>(bytes)) != 0)
      throw_errno(std::string(what_) + ": ftruncate of a memfd to " + std::to_string(bytes) +
                  " bytes");
    out_map_.map(out_fd_.get(), bytes, PROT_READ | PROT_WRITE, what_);
    return {out_map_.data(), bytes};
  }

  void send() override {
    fd::throw_if_aborted(aborted_, what_);
    if (!out_fd_) throw std::logic_error(std::string(what_) + ": send() without prepare()");
    const std::uint64_t len = out_map_.size();
    // The writable mapping must go first: F_SEAL_WRITE is refused (EBUSY) while one exists.
    out_map_.reset();
    if (::fcntl(out_fd_.get(), F_ADD_SEALS, kSeals) != 0)
      throw_errno(std::string(what_) + ": F_ADD_SEALS on a memfd");
    send_fd(len);
    out_fd_.reset();  // the packet in flight holds the file now; the receiver gets the only fd
  }

  std::span<const std::byte> receive() override {
    fd::throw_if_aborted(aborted_, what_);
    release();  // a caller that skipped release() must not keep the previous message mapped
    std::uint64_t len = 0;
    const UniqueFd memfd = receive_fd(len);
    if (len == 0 || len > max_)
      malformed("announced length " + std::to_string(len) + " outside 1.." + std::to_string(max_));
    const int seals = ::fcntl(memfd.get(), F_GET_SEALS);
    if (seals < 0) {
      if (errno == EINVAL)
        malformed("the descriptor is not a sealable memfd (F_GET_SEALS: EINVAL)");
      throw_errno(std::string(what_) + ": F_GET_SEALS");
    }
    if ((seals & kRequiredSeals) != kRequiredSeals)
      malformed("memfd not sealed against write, shrink and grow (seals 0x" + hex(seals) + ")");
    struct stat st {};
    if (::fstat(memfd.get(), &st) != 0) throw_errno(std::string(what_) + ": fstat of a memfd");
    if (st.st_size < 0 || static_cast<std::uint64_t>(st.st_size) != len)
      malformed("memfd of " + std::to_string(st.st_size) + " bytes announced as " +
                std::to_string(len));
    // memfd is closed on return: the read-only mapping alone keeps the sealed file until release().
    in_map_.map(memfd.get(), static_cast<std::size_t>(len), PROT_READ, what_);
    return {in_map_.data(), in_map_.size()};
  }

  void release() override { in_map_.reset(); }

  void detach() noexcept override {
    out_map_.reset();
    out_fd_.reset();
    in_map_.reset();
    socket_.reset();
  }

  int socket_fd() const noexcept { return socket_.get(); }

 private:
  void send_fd(std::uint64_t len) {
    iovec iov{&len, sizeof len};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    const int fd = out_fd_.get();
    std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
    for (;;) {
      // MSG_NOSIGNAL: a closed peer is EPIPE, never SIGPIPE.
      if (::sendmsg(socket_.get(), &msg, MSG_NOSIGNAL) >= 0) return;
      switch (errno) {
        case EINTR:
          continue;
        case EPIPE:  // our side shut down (abort), or the peer closed
        case ECONNRESET:
        case ENOTCONN:
          closed("");
        case ETOOMANYREFS:
          throw_errno(std::string(what_) +
                      ": sendmsg(SCM_RIGHTS): more descriptors in flight than RLIMIT_NOFILE");
        default:
          throw_errno(std::string(what_) + ": sendmsg(SCM_RIGHTS)");
      }
    }
  }

  // One packet: its length word into `len`, its descriptor returned (owned before any check).
  UniqueFd receive_fd(std::uint64_t& len) {
    // Room for a second descriptor: a misbehaving sender's extra one is received and closed here
    // (and reported) rather than truncated silently; beyond that MSG_CTRUNC reports it.
    constexpr std::size_t kRoom = 2;
    alignas(cmsghdr) char control[CMSG_SPACE(kRoom * sizeof(int))];
    // One byte more than a length word: a longer packet shows as a longer read or MSG_TRUNC.
    char data[sizeof(std::uint64_t) + 1];
    iovec iov{data, sizeof data};
    msghdr msg{};
    ssize_t n = -1;
    for (;;) {
      msg = {};
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      // MSG_CMSG_CLOEXEC: a posix_spawn'ed program (spawn family) must not inherit the memfd.
      n = ::recvmsg(socket_.get(), &msg, MSG_CMSG_CLOEXEC);
      if (n >= 0) break;
      if (errno == EINTR) continue;
      if (errno == ECONNRESET) closed("");
      throw_errno(std::string(what_) + ": recvmsg");
    }
    // Own every descriptor that arrived before looking at anything else.
    UniqueFd fds[kRoom];
    std::size_t count = 0;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      const std::size_t in_this = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (std::size_t i = 0; i < in_this; ++i) {
        int fd;
        std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
        if (count < kRoom) fds[count++] = UniqueFd(fd);
      }
    }
    // 0: the peer closed its end, or abort() shut ours down. A packet always carries 8 bytes.
    if (n == 0) closed(" (end of file)");
    if ((msg.msg_flags & MSG_CTRUNC) != 0)
      malformed(count == 0 ? "the descriptor was dropped by the kernel (MSG_CTRUNC: this "
                             "process is out of descriptors, RLIMIT_NOFILE)"
                           : "more descriptors than one in a packet (MSG_CTRUNC)");
    if (static_cast<std::size_t>(n) != sizeof len || (msg.msg_flags & MSG_TRUNC) != 0)
      malformed("packet of " + std::to_string(n) + " bytes, not an 8-byte length");
    if (count != 1) malformed(std::to_string(count) + " descriptors in a packet, not one");
    std::memcpy(&len, data, sizeof len);
    return std::move(fds[0]);
  }

  [[noreturn]] void closed(const char* how) const {
    fd::throw_if_aborted(aborted_, what_);  // an abort explains the error better than its symptom
    throw ChannelClosed(std::string(what_) + ": peer closed the channel" + how);
  }

  [[noreturn]] void malformed(const std::string& cause) const {
    throw VerifyError(std::string(what_) + ": bad message (" + cause + ")");
  }

  static std::string hex(int v) {
    char buf[16];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<unsigned>(v), 16);
    return std::string(buf, r.ptr);
  }

  UniqueFd socket_;
  std::size_t max_;
  const std::atomic<bool>& aborted_;
  const char* what_;
  UniqueFd out_fd_;  // the prepared memfd, until send() gives it away
  Mapping out_map_;  // its writable mapping, until send() seals it
  Mapping in_map_;   // the received message, read-only, until release()
};

}  // namespace

std::unique_ptr<Channel> make_memfd_seal(const ChannelOptions& o, const char* what) {
  shm::require_options(o, what);
  using MemfdChannel = fd::SocketChannel<MemfdEndpoint, &MemfdEndpoint::socket_fd>;
  return std::make_unique<MemfdChannel>(
      SOCK_SEQPACKET, [&o, what](UniqueFd socket, const std::atomic<bool>& aborted) {
        return std::make_unique<MemfdEndpoint>(std::move(socket), o.max_message_bytes, aborted,
                                               what);
      });
}

}  // namespace tvp::transports
