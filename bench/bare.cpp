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

#include <algorithm>
#include <cstring>
#include <vector>

#include "batch_state.hpp"
#include "round_trips.hpp"
#include "session.hpp"
#include "tvp/error.hpp"
#include "tvp/fd/io.hpp"
#include "tvp/fd/raw_pair.hpp"

namespace tvp::bench {
namespace {

// Largest size the bare loop runs at: one system call per message for every mechanism.
constexpr std::size_t kMaxBareBytes = 4096;
constexpr const char* kWhat = "bare loop";

// The row's raw descriptors: lib makes them with the transport's own calls and buffer sizes, so
// bare/X and latency/X differ only in the harness.
struct BarePair {
  fd::RawPair fds;

  // From the watchdog thread: makes blocked and future calls fail, as the transports' abort()
  // does (sockets shut down, pipe ends replaced by /dev/null).
  void abort() noexcept { fd::interrupt(fds); }
};

// One write and one read per direction, with the transports' own I/O helpers and nothing else (no
// abort-flag check per call: a woken call fails by itself). A message-oriented socket delivers a
// message in one read; a stream may split it.
void write_all(int fd, const std::byte* buf, std::size_t n) { fd::write_all(fd, buf, n, kWhat); }
void read_all(int fd, std::byte* buf, std::size_t n) { fd::read_exact(fd, buf, n, kWhat); }

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
    BarePair pair;
    pair.fds = fd::open_raw_pair(cell.transport->bare);
    TrialPeer peer(cell, "bare echo",
                   PeerHooks{[&pair] { pair.abort(); }, [&pair] { pair.fds.a = {}; },
                             [&pair] { pair.fds.b = {}; }},
                   [&pair, bytes, warmup, iterations](PeerContext& ctx) {
                     std::vector<std::byte> buf(bytes);
                     for (std::uint64_t seq = 0; seq < warmup + iterations; ++seq) {
                       if (seq == warmup) ctx.mark_measure_start();
                       read_all(pair.fds.b.rd.get(), buf.data(), bytes);
                       check(buf, seq);
                       write_all(pair.fds.b.write_fd(), buf.data(), bytes);
                       ctx.progress();
                     }
                   });
    std::vector<std::byte> buf(bytes);
    auto round_trip = [&](std::uint64_t seq) {
      stamp(buf, seq);
      write_all(pair.fds.a.write_fd(), buf.data(), bytes);
      read_all(pair.fds.a.rd.get(), buf.data(), bytes);
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
