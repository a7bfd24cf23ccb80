// The single declaration of every transport. Adding a transport = one file in src/transports/ and
// one row here; the benchmark matrix and the tests iterate over this table.
#include <algorithm>
#include <array>

#include "transport_factories.hpp"
#include "tvp/transport.hpp"

namespace tvp {

std::string_view to_string(Model m) noexcept { return m == Model::thread ? "thread" : "process"; }

namespace {
namespace t = transports;
// clang-format off
constexpr TransportInfo kTransports[] = {
  // name              factory                thread process copies spins  summary
  // TRANSPORT ROWS (one per line, keep this order: sharedptr_mutex, sharedptr_spsc, pipe,
  // unix_stream, unix_dgram, unix_seqpacket, shm_ring, shm_ring_wait, shm_mq, shm_handoff)
  {"sharedptr_mutex", t::make_sharedptr_mutex, true,  false,  false, false, "shared_ptr<const Message> moved through a mutex + condvar queue; zero-copy"},
  {"sharedptr_spsc",  t::make_sharedptr_spsc,  true,  false,  false, true,  "shared_ptr<const Message> moved through a lock-free SPSC queue, spin then yield; zero-copy"},
  {"pipe",            t::make_pipe,            true,  true,   true,  false, "two pipes, length-framed; copies through the kernel"},
  {"unix_stream",     t::make_unix_stream,     true,  true,   true,  false, "AF_UNIX SOCK_STREAM socketpair, length-framed; copies through the kernel"},
  {"unix_dgram",      t::make_unix_dgram,      true,  true,   true,  false, "AF_UNIX SOCK_DGRAM socketpair, one datagram per message, large ones fragmented"},
  {"unix_seqpacket",  t::make_unix_seqpacket,  true,  true,   true,  false, "AF_UNIX SOCK_SEQPACKET socketpair, one packet per message, large ones fragmented"},
  {"shm_ring",        t::make_shm_ring,        true,  true,   false, true,  "SPSC byte ring per direction in anonymous shared memory, spin then yield; filled and read in place (a message larger than the 4 MiB ring streams, copied in and out)"},
  {"shm_ring_wait",   t::make_shm_ring_wait,   true,  true,   false, true,  "the shm_ring rings with a brief spin, then a futex sleep in the shared mapping"},
  {"shm_mq",          t::make_shm_mq,          true,  true,   true,  false, "boost::interprocess::message_queue per direction (mutex + condvars, 64 KiB slots); two copies"},
  {"shm_handoff",     t::make_shm_handoff,     true,  true,   false, true,  "allocated in a shared managed segment, written and read in place; handles through SPSC queues; zero-copy"},
};
// clang-format on
}  // namespace

std::span<const TransportInfo> all_transports() noexcept { return kTransports; }

const TransportInfo* find_transport(std::string_view name) noexcept {
  auto it = std::find_if(std::begin(kTransports), std::end(kTransports),
                         [&](const TransportInfo& t) { return t.name == name; });
  return it == std::end(kTransports) ? nullptr : &*it;
}

}  // namespace tvp
