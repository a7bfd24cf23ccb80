// The single declaration of every transport: one ROW per transport, in report order. Adding a
// transport = its file src/transports/<name>.cpp, defining transports::make_<name>, and one row
// here; the benchmark matrix, its subsets, the bare/ twins, the report's order and colours and the
// tests all iterate over this table.
//
// Why a row macro: the row names the transport once, and that one spelling gives both the name
// string and the factory make_<name> to declare, so no second list of factories can drift.
#include <algorithm>
#include <memory>

#include "tvp/transport.hpp"

namespace tvp {

std::string_view to_string(Model m) noexcept { return m == Model::thread ? "thread" : "process"; }

namespace {

// What a row says about its transport; the bits become TransportInfo's flags (see there).
enum Trait : unsigned {
  thread = 1u << 0,      // thread_ok
  process = 1u << 1,     // process_ok
  copies = 1u << 2,      // the payload is copied
  spins = 1u << 3,       // the receiver spins before yielding/blocking
  serialized = 1u << 4,  // structured/ sends encoded records over it
  quick = 1u << 5,       // --quick's representative of its kind beyond the ping-pong
  perf_gate = 1u << 6,   // scripts/perf-check.sh's default subset
};

// clang-format off
#define TVP_TRANSPORT_ROWS(ROW)                                                                    \
  /*  name            traits                                                       bare fds                  colour     versus (TransportInfo::versus)    summary */ \
  ROW(sharedptr_mutex, thread | perf_gate,                                         BareFds::none,            "#1f77b4", "", "shared_ptr<const Message> moved through a mutex + condvar queue; zero-copy") \
  ROW(sharedptr_spsc,  thread | spins | quick,                                     BareFds::none,            "#17becf", "", "shared_ptr<const Message> moved through a lock-free SPSC queue, spin then yield; zero-copy") \
  ROW(pipe,            thread | process | copies | serialized | quick | perf_gate, BareFds::pipes,           "#d62728", "", "two pipes, length-framed; copies through the kernel") \
  ROW(unix_stream,     thread | process | copies | serialized | perf_gate,         BareFds::stream_socket,   "#ff7f0e", "", "AF_UNIX SOCK_STREAM socketpair, length-framed; copies through the kernel") \
  ROW(unix_dgram,      thread | process | copies,                                  BareFds::datagram_socket, "#bcbd22", "", "AF_UNIX SOCK_DGRAM socketpair, one datagram per message, large ones fragmented") \
  ROW(unix_seqpacket,  thread | process | copies,                                  BareFds::seqpacket_socket,"#8c564b", "", "AF_UNIX SOCK_SEQPACKET socketpair, one packet per message, large ones fragmented") \
  ROW(tcp_loopback,    thread | process | copies | serialized,                      BareFds::tcp_socket,      "#393b79", "unix_stream", "one TCP connection over 127.0.0.1 (made before the peer starts, TCP_NODELAY), length-framed as unix_stream; copies through the kernel") \
  ROW(posix_mq,        thread | process | copies,                                  BareFds::none,            "#6b6ecf", "", "POSIX message queue (mq_open) per direction, unlinked once open; messages cut into fs.mqueue.msgsize_max pieces (8 KiB default), at most msg_max (10) deep; two copies") \
  ROW(shm_ring,        thread | process | spins | serialized | quick | perf_gate,  BareFds::none,            "#2ca02c", "", "SPSC byte ring per direction in anonymous shared memory, spin then yield; filled and read in place (a message larger than the 4 MiB ring streams, copied in and out)") \
  ROW(shm_ring_wait,   thread | process | spins,                                   BareFds::none,            "#0b5d1e", "", "the shm_ring rings with a brief spin, then a futex sleep in the shared mapping") \
  ROW(shm_mq,          thread | process | copies,                                  BareFds::none,            "#9467bd", "", "boost::interprocess::message_queue per direction (try_send/receive under a robust lock, futex sleep; 64 KiB slots); two copies") \
  ROW(shm_handoff,     thread | process | spins,                                   BareFds::none,            "#e377c2", "", "allocated in a shared managed segment, written and read in place; handles through SPSC queues; zero-copy") \
  ROW(cma,             thread | process | copies | serialized,                      BareFds::none,            "#7b4173", "pipe", "cross memory attach: the initiator's side process_vm_writev's into / process_vm_readv's out of the peer's own memory (one copy); a seqpacket socketpair signals") \
  ROW(memfd_seal,      thread | process,                                           BareFds::none,            "#e7ba52", "sharedptr_spsc,shm_handoff,shm_ring", "a memfd per message, written once, sealed (write, shrink, grow) and its fd passed over an AF_UNIX seqpacket socketpair; the receiver checks the seals and maps it read-only; zero-copy") \
  /* a new row goes above this line (every row ends in a backslash) */
// clang-format on

}  // namespace

namespace transports {
#define TVP_DECLARE_FACTORY(name, ...) \
  std::unique_ptr<Channel> make_##name(const ChannelOptions& o, const char* what);
TVP_TRANSPORT_ROWS(TVP_DECLARE_FACTORY)
#undef TVP_DECLARE_FACTORY
}  // namespace transports

namespace {

constexpr TransportInfo row(std::string_view name, ChannelFactory factory, unsigned traits,
                            BareFds bare, std::string_view colour, std::string_view versus,
                            std::string_view summary) {
  return {name,
          factory,
          (traits & thread) != 0,
          (traits & process) != 0,
          (traits & copies) != 0,
          (traits & spins) != 0,
          (traits & serialized) != 0,
          (traits & quick) != 0,
          (traits & perf_gate) != 0,
          bare,
          colour,
          versus,
          summary};
}

#define TVP_ROW(name, traits, bare, colour, versus, summary) \
  row(#name, &transports::make_##name, traits, bare, colour, versus, summary),
constexpr TransportInfo kTransports[] = {TVP_TRANSPORT_ROWS(TVP_ROW)};
#undef TVP_ROW

constexpr bool is_colour(std::string_view c) {
  return c.size() == 7 && c[0] == '#' && std::all_of(c.begin() + 1, c.end(), [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
         });
}
static_assert(std::all_of(std::begin(kTransports), std::end(kTransports),
                          [](const TransportInfo& t) { return is_colour(t.colour); }),
              "a row's colour must be #rrggbb in lowercase hex (tvp-report writes it into SVG)");
static_assert(std::all_of(std::begin(kTransports), std::end(kTransports),
                          [](const TransportInfo& t) { return t.thread_ok || t.process_ok; }),
              "a row must allow the thread or the process model");

constexpr const TransportInfo* row_named(std::string_view name) {
  for (const TransportInfo& t : kTransports)
    if (t.name == name) return &t;
  return nullptr;
}
// Calls f(name) for every name of a comma-separated list (an empty list has none; "a," has "a" and
// ""); stops at the first false.
template <class F>
constexpr bool each_name(std::string_view list, F f) {
  if (list.empty()) return true;
  while (true) {
    const auto comma = list.find(',');
    if (!f(list.substr(0, comma))) return false;
    if (comma == std::string_view::npos) return true;
    list.remove_prefix(comma + 1);
  }
}
constexpr bool lists(const TransportInfo& t, std::string_view name) {
  return !each_name(t.versus, [&](std::string_view n) { return n != name; });
}
// Checked here so that a typo cannot silently drop a comparison: every name in `versus` is another
// row, listed once, sharing a model with this one (the pair is measured in the same model on both
// sides), and the pair is listed in one of the two rows only (else it would be measured twice,
// once as each other's inverse).
constexpr bool partner_is_sound(const TransportInfo& t, std::string_view name) {
  const TransportInfo* p = row_named(name);
  if (name.empty() || name == t.name || p == nullptr || lists(*p, t.name)) return false;
  // ratio_to_<name> must not read as one of the within-transport ratios.
  for (std::string_view kind : {"thread", "bare", "floor", "memcpy"})
    if (name == kind) return false;
  std::size_t times = 0;
  each_name(t.versus, [&](std::string_view n) { return (times += n == name ? 1 : 0), true; });
  return times == 1 && ((t.thread_ok && p->thread_ok) || (t.process_ok && p->process_ok));
}
constexpr bool versus_is_sound(const TransportInfo& t) {
  return each_name(t.versus, [&](std::string_view name) { return partner_is_sound(t, name); });
}
static_assert(std::all_of(std::begin(kTransports), std::end(kTransports), versus_is_sound),
              "a row's versus must list other rows' names, comma-separated, no spaces, each once, "
              "each sharing a model with the row and not listing the row back");

}  // namespace

std::span<const TransportInfo> all_transports() noexcept { return kTransports; }

const TransportInfo* find_transport(std::string_view name) noexcept {
  auto it = std::find_if(std::begin(kTransports), std::end(kTransports),
                         [&](const TransportInfo& t) { return t.name == name; });
  return it == std::end(kTransports) ? nullptr : &*it;
}

std::vector<const TransportInfo*> versus_partners(const TransportInfo& t) {
  std::vector<const TransportInfo*> out;
  each_name(t.versus, [&](std::string_view name) {
    out.push_back(row_named(name));  // never null: checked at compile time above
    return true;
  });
  return out;
}

}  // namespace tvp
