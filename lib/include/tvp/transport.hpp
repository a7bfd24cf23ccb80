// The one interface every transport implements: a bidirectional channel with two endpoints, created
// together in the parent before a thread is started or a child is forked, so that the same code runs
// between threads and between processes.
//
// A message is written in place and read in place:
//   sender:   auto buf = ep.prepare(n); fill(buf); ep.send();
//   receiver: auto msg = ep.receive(); use(msg); ep.release();
// Copying transports (pipe, sockets, shm_mq) hand out their own staging buffers; zero-copy transports
// (shared_ptr handoff, shm_handoff, and shm_ring for a message that fits its ring) hand out the very
// memory the receiver will read.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tvp {

class Endpoint {
 public:
  virtual ~Endpoint() = default;

  // Returns a writable buffer of exactly `bytes` bytes, valid until send() or the next prepare(),
  // which replaces it. May block while the peer is behind (a zero-copy transport reserves the
  // space here) and then throws ChannelClosed like send().
  // REQUIRES: 1 <= bytes <= ChannelOptions::max_message_bytes.
  virtual std::span<std::byte> prepare(std::size_t bytes) = 0;
  // Publishes the prepared message; may block while the peer is behind (bounded buffering).
  // Throws ChannelClosed if the peer is gone or the channel was aborted.
  virtual void send() = 0;
  // Blocks until one whole message arrives; the view stays valid until release().
  // Throws ChannelClosed if the peer is gone or the channel was aborted.
  virtual std::span<const std::byte> receive() = 0;
  virtual void release() = 0;

  // Called in a process that will never use this endpoint (after fork, the parent detaches the
  // child's end and vice versa): closes the OS handles that would otherwise keep the peer's side
  // open, so a dead peer reads as end-of-file. Never throws.
  virtual void detach() noexcept {}
};

// How the peer side of a channel will run. Thread-only transports (shared_ptr handoff) refuse
// `process`; everything else must work for both with the same code.
enum class Model { thread, process };
std::string_view to_string(Model m) noexcept;

struct ChannelOptions {
  std::size_t max_message_bytes = 4u << 20;  // largest message prepare() must accept
  // Messages the user keeps in flight per direction (sent, not yet received). Each direction must
  // buffer `window` messages of max_message_bytes without blocking the sender, so that a windowed
  // echo cannot deadlock. Transports whose buffer is smaller than one message stream it in chunks;
  // those REQUIRE window == 1 for such sizes.
  std::size_t window = 1;
  Model model = Model::thread;  // where the peer will run (thread-only transports refuse process)
};

// REQUIRES of every program that uses a channel: SIGPIPE ignored, set once at start-up with
// tvp::ignore_sigpipe() (tvp/process_signals.hpp); a transport does not change it behind its back.
class Channel {
 public:
  virtual ~Channel() = default;
  virtual Endpoint& a() = 0;  // the initiator's end (benchmark main thread / test body)
  virtual Endpoint& b() = 0;  // the peer's end
  // Makes every blocked and future operation on both ends throw ChannelClosed, in this process and
  // (for shared-memory transports) the peer's. Thread-safe; called by a peer's watchdog.
  virtual void abort() noexcept = 0;
};

// Creates both endpoints. `name` is the row's name (a NUL-terminated literal that outlives the
// channel): the transport uses it in its messages, so the name is written only in its row.
using ChannelFactory = std::unique_ptr<Channel> (*)(const ChannelOptions&, const char* name);

// The raw descriptors a kernel transport is made of, for bench's bare/ family: the same system
// calls with no framing, endpoint or payload work, so latency/X / bare/X is the harness's share.
// tcp_socket: a TCP connection over 127.0.0.1 (no socketpair exists for TCP).
enum class BareFds { none, pipes, stream_socket, datagram_socket, seqpacket_socket, tcp_socket };

// A row of the transport table: the single place a transport is declared. Everything that treats
// transports case by case (bench's subsets and twins, the report's order and colours) reads it
// from here, so adding a transport is its file plus its row.
struct TransportInfo {
  std::string_view name;      // stable, lowercase: used in benchmark names and baselines
  ChannelFactory factory;     // use make()
  bool thread_ok;             // may run between threads
  bool process_ok;            // may run between processes
  bool copies;                // the payload is copied (kernel or ring); false = zero-copy handoff
  bool spins;                 // the receiver spins (bounded) before yielding/blocking
  bool serialized;            // structured/ sends encoded records over it (one byte transport of each kind)
  bool quick;                 // --quick runs the families beyond the ping-pong on it (one of each kind)
  bool perf_gate;             // in scripts/perf-check.sh's default subset (tvp-bench --tvp_list_transports=perf_gate)
  BareFds bare;               // its bare/ twin's descriptors; none = no bare twin
  std::string_view colour;    // "#rrggbb": its series colour in charts
  // The transports it is measured against in the same rounds, in every model both support
  // (versus_latency/, versus_throughput/: its rows get ratio_to_<name> for each),
  // comma-separated row names; empty: none. For a new transport, the ones a reader compares it
  // with first. Use versus_partners().
  std::string_view versus;
  std::string_view summary;   // one line for reports

  // Creates both endpoints (see Channel). Throws what the transport's factory throws.
  std::unique_ptr<Channel> make(const ChannelOptions& o) const { return factory(o, name.data()); }
  // Whether the transport has a peer of this execution model.
  bool supports(Model m) const noexcept { return m == Model::thread ? thread_ok : process_ok; }
};

// Every transport, in row order: the order of benchmark registration and of the report.
std::span<const TransportInfo> all_transports() noexcept;
// nullptr for an unknown name.
const TransportInfo* find_transport(std::string_view name) noexcept;
// The rows t.versus names, in its order (the registry checks at compile time that each is another
// row, listed once, sharing a model with t, and not listing t back).
std::vector<const TransportInfo*> versus_partners(const TransportInfo& t);

}  // namespace tvp
