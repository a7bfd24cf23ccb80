// bare/<mechanism>/<model>/<placement>/<bytes>: the same ping-pong as latency/, with the same peer,
// pinning and timing code, but over raw file descriptors with nothing but the system calls (one
// write and one read per direction, no framing, no Endpoint, no payload fill or checksum; only the
// sequence word is checked). latency/X ÷ bare/X is what tvp's harness adds to a kernel transport.
//
// A row's `bare` field names the descriptors it strips down to; a bare case exists only when that
// transport is in the run, at the smallest configured size (where per-message overhead
// matters most), and runs as an arm of its latency twin's paired comparison (paired_groups.cpp):
// in the same rounds, interleaved with it.
#include "bare.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <vector>

#include "batch_state.hpp"
#include "round_trips.hpp"
#include "session.hpp"
#include "tvp/error.hpp"
#include "tvp/kernel_buffers.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::bench {
namespace {

// Largest size the bare loop runs at: one system call per message for every mechanism.
constexpr std::size_t kMaxBareBytes = 4096;

// Two raw descriptors per side (a socket is both, so its write end stays empty).
struct RawSide {
  UniqueFd rd, wr;
  int write_fd() const { return wr.valid() ? wr.get() : rd.get(); }
};

struct RawPair {
  RawSide a, b;
  std::atomic<bool> aborted{false};

  // From the watchdog thread: makes blocked and future calls fail. Sockets are shut down; pipe
  // ends are replaced by /dev/null, dropping this process's references so a blocked reader sees
  // end-of-file (what the pipe transport does too).
  void abort() noexcept {
    aborted.store(true, std::memory_order_release);
    const UniqueFd null(::open("/dev/null", O_RDWR | O_CLOEXEC));
    for (RawSide* s : {&a, &b})
      for (const UniqueFd* fd : {&s->rd, &s->wr}) {
        if (!fd->valid()) continue;
        struct stat st {};
        if (::fstat(fd->get(), &st) == 0 && S_ISSOCK(st.st_mode))
          ::shutdown(fd->get(), SHUT_RDWR);
        else if (null.valid())
          ::dup3(null.get(), fd->get(), O_CLOEXEC);
      }
  }
};

// The socket type of a row's bare descriptors; 0 for two pipes.
int socket_type(BareFds fds) {
  switch (fds) {
    case BareFds::stream_socket:
      return SOCK_STREAM;
    case BareFds::datagram_socket:
      return SOCK_DGRAM;
    case BareFds::seqpacket_socket:
      return SOCK_SEQPACKET;
    case BareFds::pipes:
    case BareFds::none:
      break;
  }
  return 0;
}

// Kernel buffers sized by the transports' own calls (tvp/kernel_buffers.hpp): a 64 KiB pipe or a
// 208 KiB socket buffer against the transport's 1 MiB / net.core.*mem_max would be a second
// difference between bare/X and latency/X.
void open_pair(const TransportInfo& t, RawPair& p) {
  const int type = socket_type(t.bare);
  if (type == 0) {
    PipeFds ab = make_pipe(), ba = make_pipe();
    for (const PipeFds* pipe : {&ab, &ba}) size_pipe_buffer(pipe->write.get());
    p.a = {std::move(ba.read), std::move(ab.write)};
    p.b = {std::move(ab.read), std::move(ba.write)};
    return;
  }
  int sv[2];
  if (::socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) != 0)
    throw_errno(std::string("bare ") + std::string(t.name) + ": socketpair");
  p.a.rd.reset(sv[0]);
  p.b.rd.reset(sv[1]);
  for (const RawSide* side : {&p.a, &p.b}) size_socket_buffers(side->rd.get());
}

[[noreturn]] void closed(const RawPair& p, const char* what) {
  throw ChannelClosed(std::string("bare loop: ") + what +
                      (p.aborted.load(std::memory_order_acquire) ? " (aborted)" : ""));
}

void write_all(const RawPair& p, int fd, const std::byte* buf, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, buf, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && (errno == EPIPE || errno == ECONNRESET || p.aborted)) closed(p, "peer gone");
    if (w < 0) throw_errno("bare loop: write");
    buf += w;
    n -= static_cast<std::size_t>(w);
  }
}

// A message-oriented socket delivers it in one read; a stream may split it.
void read_all(const RawPair& p, int fd, std::byte* buf, std::size_t n) {
  while (n > 0) {
    const ssize_t r = ::read(fd, buf, n);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0 || (r < 0 && (errno == ECONNRESET || p.aborted))) closed(p, "end of file");
    if (r < 0) throw_errno("bare loop: read");
    buf += r;
    n -= static_cast<std::size_t>(r);
  }
}

// The only check: the first (up to 8) bytes carry the sequence number.
void stamp(std::vector<std::byte>& buf, std::uint64_t seq) {
  std::memcpy(buf.data(), &seq, std::min<std::size_t>(8, buf.size()));
}
void check(const std::vector<std::byte>& buf, std::uint64_t seq) {
  std::uint64_t got = 0, want = 0;
  const std::size_t k = std::min<std::size_t>(8, buf.size());
  std::memcpy(&got, buf.data(), k);
  std::memcpy(&want, &seq, k);
  if (got != want)
    throw VerifyError("bare loop: message " + std::to_string(seq) + " arrived as " +
                      std::to_string(got));
}

template <class State>
void bare(State& state, const Cell& cell) {
  run_trial(state, [&] {
    const std::size_t bytes = cell.bytes;
    const std::uint64_t warmup = warmup_round_trips(bytes);
    const auto iterations = static_cast<std::uint64_t>(state.max_iterations);
    RawPair pair;
    open_pair(*cell.transport, pair);
    TrialPeer peer(
        cell, "bare echo",
        PeerHooks{[&pair] { pair.abort(); }, [&pair] { pair.a = {}; }, [&pair] { pair.b = {}; }},
        [&pair, bytes, warmup, iterations](PeerContext& ctx) {
          std::vector<std::byte> buf(bytes);
          for (std::uint64_t seq = 0; seq < warmup + iterations; ++seq) {
            if (seq == warmup) ctx.mark_measure_start();
            read_all(pair, pair.b.rd.get(), buf.data(), bytes);
            check(buf, seq);
            write_all(pair, pair.b.write_fd(), buf.data(), bytes);
            ctx.progress();
          }
        });
    std::vector<std::byte> buf(bytes);
    auto round_trip = [&](std::uint64_t seq) {
      stamp(buf, seq);
      write_all(pair, pair.a.write_fd(), buf.data(), bytes);
      read_all(pair, pair.a.rd.get(), buf.data(), bytes);
      check(buf, seq);
    };
    ping_pong(state, cell, peer, warmup, round_trip);
  });
}

}  // namespace

std::optional<BatchBody> bare_batch(const BenchConfig& c, const Cell& cell) {
  const std::size_t smallest = *std::min_element(c.sizes.begin(), c.sizes.end());
  if (cell.bytes != smallest || smallest > kMaxBareBytes || cell.transport->bare == BareFds::none)
    return std::nullopt;
  return [cell](BatchState& state) { bare(state, cell); };
}

}  // namespace tvp::bench
