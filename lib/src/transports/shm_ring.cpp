// shm_ring: SPSC byte rings in shared memory; a waiting side spins briefly, then yields the CPU
// (never sleeps in the kernel). See shm/ring_channel.hpp.
#include "shm/ring_channel.hpp"
#include "tvp/sync/wait_policy.hpp"

namespace tvp::transports {

std::unique_ptr<Channel> make_shm_ring(const ChannelOptions& o, const char* what) {
  return std::make_unique<shm::ShmRingChannel<sync::SpinYieldWait>>(o, what);
}

}  // namespace tvp::transports
