// cma: cross memory attach. process_vm_writev / process_vm_readv move each message straight from
// one address space into the other (one copy, no shared mapping, no kernel buffer in between); a
// SOCK_SEQPACKET socketpair carries only small signalling notices ("message in slot S at address A,
// N bytes", credit, hello).
//
// Who copies: always the initiator's end a (the "copier"), in both directions. It writes its
// messages into b's receive slots (process_vm_writev) and reads b's messages out of b's send slots
// (process_vm_readv); b (the "owner") never makes a cross-memory call, it fills and reads its own
// memory in place. Why: the kernel allows these calls only with ptrace access to the other process
// (PTRACE_MODE_ATTACH), and under Yama ptrace_scope=1 (Ubuntu's default) only an ancestor has it.
// a runs in the parent and b in the forked child in every ping-pong, so both directions work there.
// Where the copier is not the owner's ancestor (scaling/ runs a and b in two sibling children), the
// owner names the copier as its ptracer (prctl PR_SET_PTRACER) before it says hello. Yama
// ptrace_scope=2 needs CAP_SYS_PTRACE and 3 forbids it: the first copy then fails with EPERM and
// the benchmark fails with a one-line message naming the scope. In the thread model the copier
// copies within its own process (its own pid): the same system calls and page walks, which is the
// point of comparing it with the process model.
//
// Flow control: the owner has window + 1 slots per direction (one of slack, so a sender that keeps
// exactly `window` messages in flight never waits for a credit still on its way). A slot is reused
// only after the other side has freed it (the copier frees b's send slot once it has read it; the
// owner frees a receive slot at release()). Every notice carries its sender's freed count, so in a
// ping-pong the answer is the credit and no extra notice is sent; a side that runs out of slots
// sends one "want credit" notice and blocks on the socket, and the other side answers with a credit
// notice as soon as it frees a slot.
//
// Dead peer: the socket reads end-of-file (or the write fails with EPIPE) once the peer's last
// descriptor is gone, and a copy from or into a process that has exited fails with ESRCH: all are
// ChannelClosed. abort() shuts both sockets down, which wakes whatever is blocked on them.
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "fd/socketpair.hpp"
#include "tvp/error.hpp"
#include "tvp/fd/io.hpp"
#include "tvp/transport.hpp"

namespace tvp::transports {
namespace {

enum class Kind : std::uint32_t { hello = 1, data = 2, credit = 3, want_credit = 4 };

// One signalling notice: a SOCK_SEQPACKET socket delivers it whole, one per read.
struct Notice {
  Kind kind;
  std::uint32_t slot;     // data: the slot the message is in
  std::uint64_t address;  // data: where it is (in the owner's memory, whichever way it goes)
  std::uint64_t bytes;    // data: its length
  std::uint64_t credit;   // every notice: how many of the reader's messages the writer has freed
  std::int64_t pid;       // hello: the writer's process
};
static_assert(std::is_trivially_copyable_v<Notice> && sizeof(Notice) == 40,
              "a notice goes over the socket as its bytes");

Notice notice(Kind kind) {
  Notice r{};
  r.kind = kind;
  return r;
}

Notice data_notice(std::size_t slot, std::uint64_t address, std::uint64_t bytes) {
  Notice r = notice(Kind::data);
  r.slot = static_cast<std::uint32_t>(slot);
  r.address = address;
  r.bytes = bytes;
  return r;
}

Notice hello_notice() {
  Notice r = notice(Kind::hello);
  r.pid = ::getpid();
  return r;
}

std::string ptrace_scope() {
  std::ifstream in("/proc/sys/kernel/yama/ptrace_scope");
  std::string s;
  return in >> s ? s : std::string("absent (no Yama)");
}

// Fails at creation, with one line, where the calls do not exist or are filtered out (a kernel
// without CONFIG_CROSS_MEMORY_ATTACH: ENOSYS; a seccomp filter: EPERM or ENOSYS). Reading one's own
// memory needs no ptrace permission, so this says nothing about Yama (see cross_copy).
void require_cross_memory_attach(const char* what) {
  std::uint64_t from = 0x5a5a5a5a5a5a5a5aULL, to = 0;
  iovec local{&to, sizeof to}, remote{&from, sizeof from};
  errno = 0;
  const ssize_t moved = ::process_vm_readv(::getpid(), &local, 1, &remote, 1, 0);
  const int err = errno;
  if (moved != static_cast<ssize_t>(sizeof to) || to != from)
    throw SystemError(std::string(what) +
                          ": cross memory attach unavailable (process_vm_readv of its own memory "
                          "failed: a kernel without CONFIG_CROSS_MEMORY_ATTACH, or seccomp)",
                      err != 0 ? err : EIO);
}

enum class Direction { into_peer, from_peer };

// Copies `n` bytes between `local` and `remote` in process `pid`, one iovec a side (well under
// IOV_MAX). The calls may move fewer bytes than asked (they stop at the first page they cannot
// reach): the rest is asked for again, and a call that moves nothing or fails ends it.
void cross_copy(Direction d, pid_t pid, std::byte* local, std::uint64_t remote, std::size_t n,
                const char* what) {
  const char* call = d == Direction::into_peer ? "process_vm_writev" : "process_vm_readv";
  std::size_t done = 0;
  while (done < n) {
    iovec l{local + done, n - done};
    iovec r{reinterpret_cast<void*>(static_cast<std::uintptr_t>(remote + done)), n - done};
    const ssize_t moved = d == Direction::into_peer ? ::process_vm_writev(pid, &l, 1, &r, 1, 0)
                                                    : ::process_vm_readv(pid, &l, 1, &r, 1, 0);
    if (moved > 0) {
      done += static_cast<std::size_t>(moved);
      continue;
    }
    const int err = errno;  // before anything below can change it
    if (moved < 0 && err == EINTR) continue;
    const std::string at = std::string(what) + ": " + call + " with pid " + std::to_string(pid);
    if (moved == 0)
      throw VerifyError(at + " moved 0 of the last " + std::to_string(n - done) + " bytes");
    if (err == ESRCH) throw ChannelClosed(at + ": the peer process is gone");
    if (err == EPERM)
      throw SystemError(at + " refused: it needs ptrace access to the peer (Yama ptrace_scope " +
                            ptrace_scope() + "; 0 or 1 lets the parent copy, 2 needs " +
                            "CAP_SYS_PTRACE, 3 never)",
                        EPERM);
    throw SystemError(at, err);
  }
}

// The notice traffic and credit bookkeeping both ends share.
class CmaEndpoint : public Endpoint {
 public:
  int socket_fd() const noexcept { return socket_.get(); }
  void detach() noexcept override {
    socket_.reset();
    free_memory();  // this process never uses the buffers: give the pages back
  }

 protected:
  CmaEndpoint(UniqueFd socket, std::size_t max_bytes, std::size_t slots,
              const std::atomic<bool>& aborted, const char* what)
      : socket_(std::move(socket)),
        max_(max_bytes),
        slots_(slots),
        aborted_(aborted),
        what_(what),
        pending_(slots) {}

  virtual void free_memory() noexcept = 0;

  void check_size(std::size_t bytes) const {
    if (bytes == 0 || bytes > max_)
      throw std::invalid_argument(std::string(what_) + ": message of " + std::to_string(bytes) +
                                  " bytes outside 1.." + std::to_string(max_));
  }

  // Writes `r` with this side's freed count.
  void post(Notice r) {
    r.credit = freed_for_peer_;
    fd::throw_if_aborted(aborted_, what_);
    fd::write_all(socket_.get(), &r, sizeof r, what_);
    if (freed_for_peer_ > credit_sent_) {
      credit_sent_ = freed_for_peer_;
      peer_waiting_ = false;
    }
  }

  // Blocks for one notice and applies it: its credit, and by kind the peer's pid, a wish for
  // credit, or a message (queued for receive()).
  void read_notice() {
    fd::throw_if_aborted(aborted_, what_);
    Notice r{};
    const std::size_t got = fd::read_some(socket_.get(), &r, sizeof r, what_);
    if (got != sizeof r)
      throw VerifyError(std::string(what_) + ": signalling notice of " + std::to_string(got) +
                        " bytes, expected " + std::to_string(sizeof r));
    if (r.credit < peer_freed_ || r.credit > sent_)
      throw VerifyError(std::string(what_) + ": peer says it freed " + std::to_string(r.credit) +
                        " of our " + std::to_string(sent_) + " messages after " +
                        std::to_string(peer_freed_) + " (signalling out of sync)");
    peer_freed_ = r.credit;
    switch (r.kind) {
      case Kind::hello:
        if (r.pid <= 0) throw VerifyError(std::string(what_) + ": hello without a pid");
        peer_pid_ = static_cast<pid_t>(r.pid);
        break;
      case Kind::data:
        if (pending_count_ == pending_.size())
          throw VerifyError(std::string(what_) + ": peer sent more messages than it had slots for");
        pending_[(pending_head_ + pending_count_++) % pending_.size()] = r;
        break;
      case Kind::credit:
        break;
      case Kind::want_credit:
        peer_waiting_ = true;
        if (freed_for_peer_ > credit_sent_) post(notice(Kind::credit));
        break;
      default:
        throw VerifyError(std::string(what_) + ": unknown signalling notice kind " +
                          std::to_string(static_cast<std::uint32_t>(r.kind)));
    }
  }

  // The next message's notice, verified to name slot received_ % slots at `address_of(slot)`.
  template <class AddressOf>
  Notice next_data(AddressOf address_of) {
    while (pending_count_ == 0) read_notice();
    const Notice r = pending_[pending_head_];
    pending_head_ = (pending_head_ + 1) % pending_.size();
    --pending_count_;
    const std::size_t slot = received_ % slots_;
    if (r.slot != slot || r.address != address_of(slot) || r.bytes == 0 || r.bytes > max_)
      throw VerifyError(std::string(what_) + ": message " + std::to_string(received_) +
                        " announced in slot " + std::to_string(r.slot) + " with " +
                        std::to_string(r.bytes) + " bytes; expected slot " + std::to_string(slot) +
                        " and 1.." + std::to_string(max_) + " bytes");
    ++received_;
    return r;
  }

  // Blocks until the peer has freed the slot of our next message.
  void wait_for_slot() {
    while (sent_ - peer_freed_ >= slots_) {
      if (!want_sent_) {
        post(notice(Kind::want_credit));
        want_sent_ = true;
      }
      read_notice();
    }
    want_sent_ = false;
  }

  // One more of the peer's slots may be reused: tell it now if it is waiting for that.
  void freed_one() {
    ++freed_for_peer_;
    if (peer_waiting_) post(notice(Kind::credit));
  }

  UniqueFd socket_;
  const std::size_t max_, slots_;
  const std::atomic<bool>& aborted_;
  const char* what_;
  pid_t peer_pid_ = 0;            // from the peer's hello
  std::uint64_t sent_ = 0;        // our messages announced
  std::uint64_t received_ = 0;    // the peer's messages taken by receive()
  std::uint64_t peer_freed_ = 0;  // of ours, freed by the peer (its latest credit)
  std::uint64_t freed_for_peer_ = 0, credit_sent_ = 0;  // of the peer's, freed by us / told
  bool peer_waiting_ = false, want_sent_ = false;
  std::vector<Notice> pending_;  // messages read while waiting for something else, oldest first
  std::size_t pending_head_ = 0, pending_count_ = 0;
};

// Where the owner's slots are. The owner's memory is allocated in the process that makes the
// channel, before any fork, so these addresses hold in whichever process runs the owner.
struct OwnerLayout {
  std::size_t stride, slots;
  std::uint64_t receive_base, send_base;
};

std::unique_ptr<std::byte[]> touched(std::size_t n) {
  return std::make_unique<std::byte[]>(n);  // value-initialised: every page touched before timing
}

// b: its messages are filled in its send slots and read in its receive slots, in place.
class Owner final : public CmaEndpoint {
 public:
  Owner(UniqueFd socket, std::size_t max_bytes, std::size_t slots, std::size_t stride,
        const std::atomic<bool>& aborted, const char* what)
      : CmaEndpoint(std::move(socket), max_bytes, slots, aborted, what),
        stride_(stride),
        send_(touched(slots * stride)),
        receive_(touched(slots * stride)) {}

  OwnerLayout layout() const noexcept {
    return {stride_, slots_, address(receive_.get(), 0), address(send_.get(), 0)};
  }

  std::span<std::byte> prepare(std::size_t bytes) override {
    check_size(bytes);
    hello();
    wait_for_slot();
    out_len_ = bytes;
    return {send_.get() + (sent_ % slots_) * stride_, bytes};
  }
  void send() override {
    const std::size_t slot = sent_ % slots_;
    post(data_notice(slot, address(send_.get(), slot), out_len_));
    ++sent_;
  }
  std::span<const std::byte> receive() override {
    hello();
    const Notice r = next_data([this](std::size_t slot) { return address(receive_.get(), slot); });
    return {receive_.get() + r.slot * stride_, static_cast<std::size_t>(r.bytes)};
  }
  void release() override { freed_one(); }

 private:
  std::uint64_t address(const std::byte* base, std::size_t slot) const noexcept {
    return reinterpret_cast<std::uintptr_t>(base + slot * stride_);
  }

  // Before the first message either way: waits for the copier's hello, lets it attach to this
  // process when it is not an ancestor (Yama ptrace_scope=1; a no-op in the thread model and where
  // Yama is absent), then tells it this process's pid. Lazy, because only here is it known which
  // process runs the owner.
  void hello() {
    if (hello_sent_) return;
    while (peer_pid_ == 0) read_notice();
    if (peer_pid_ != ::getpid())
      ::prctl(PR_SET_PTRACER, static_cast<unsigned long>(peer_pid_), 0, 0, 0);  // EINVAL: no Yama
    post(hello_notice());
    hello_sent_ = true;
  }
  void free_memory() noexcept override {
    send_.reset();
    receive_.reset();
  }

  std::size_t stride_;
  std::unique_ptr<std::byte[]> send_, receive_;  // slots x stride each
  std::uint64_t out_len_ = 0;
  bool hello_sent_ = false;
};

// a: copies its message into the owner's next receive slot, and the owner's message out of its
// send slot into a buffer of its own.
class Copier final : public CmaEndpoint {
 public:
  Copier(UniqueFd socket, std::size_t max_bytes, const OwnerLayout& owner,
         const std::atomic<bool>& aborted, const char* what)
      : CmaEndpoint(std::move(socket), max_bytes, owner.slots, aborted, what),
        owner_(owner),
        out_(touched(max_bytes)),
        in_(touched(max_bytes)) {}

  std::span<std::byte> prepare(std::size_t bytes) override {
    check_size(bytes);
    out_len_ = bytes;
    return {out_.get(), bytes};
  }
  void send() override {
    hello();
    wait_for_slot();
    const std::size_t slot = sent_ % slots_;
    const std::uint64_t at = owner_.receive_base + slot * owner_.stride;
    cross_copy(Direction::into_peer, peer_pid_, out_.get(), at, out_len_, what_);
    post(data_notice(slot, at, out_len_));
    ++sent_;
  }
  std::span<const std::byte> receive() override {
    hello();
    const Notice r =
        next_data([this](std::size_t slot) { return owner_.send_base + slot * owner_.stride; });
    const auto n = static_cast<std::size_t>(r.bytes);
    cross_copy(Direction::from_peer, peer_pid_, in_.get(), r.address, n, what_);
    freed_one();  // read out: the owner may refill that send slot
    return {in_.get(), n};
  }
  void release() override {}

 private:
  // Says hello (with this process's pid, so the owner can name it as its ptracer), then waits for
  // the owner's, which carries the pid to copy from and into.
  void hello() {
    if (!hello_sent_) {
      post(hello_notice());
      hello_sent_ = true;
    }
    while (peer_pid_ == 0) read_notice();
  }
  void free_memory() noexcept override {
    out_.reset();
    in_.reset();
  }

  OwnerLayout owner_;
  std::unique_ptr<std::byte[]> out_, in_;
  std::size_t out_len_ = 0;
  bool hello_sent_ = false;
};

class CmaChannel final : public Channel {
 public:
  CmaChannel(const ChannelOptions& o, const char* what) {
    require_cross_memory_attach(what);
    // SEQPACKET: a notice arrives whole and alone; the peer's exit reads as end-of-file.
    fd::SocketPair p = fd::make_socketpair(SOCK_SEQPACKET);
    const std::size_t slots = std::max<std::size_t>(o.window, 1) + 1;
    // Slots start on their own cache line, so two messages never share one.
    const std::size_t stride = (o.max_message_bytes + 63) / 64 * 64;
    auto owner = std::make_unique<Owner>(std::move(p.second), o.max_message_bytes, slots, stride,
                                         aborted_, what);
    a_ = std::make_unique<Copier>(std::move(p.first), o.max_message_bytes, owner->layout(),
                                  aborted_, what);
    b_ = std::move(owner);
  }
  Endpoint& a() override { return *a_; }
  Endpoint& b() override { return *b_; }
  void abort() noexcept override {
    aborted_.store(true, std::memory_order_release);
    // shutdown, not close (as fd::SocketChannel): wakes every read blocked on either socket in
    // this process, and the peer's, while the numbers stay ours. A detached end reports -1.
    fd::shut_down(a_->socket_fd());
    fd::shut_down(b_->socket_fd());
  }

 private:
  std::atomic<bool> aborted_{false};
  std::unique_ptr<CmaEndpoint> a_, b_;
};

}  // namespace

std::unique_ptr<Channel> make_cma(const ChannelOptions& o, const char* what) {
  return std::make_unique<CmaChannel>(o, what);
}

}  // namespace tvp::transports
