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
  {"pipe",            t::make_pipe,            true,  true,   true,  false, "two pipes, length-framed; copies through the kernel"},
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
