// shm_ring_wait: the shm_ring rings with a blocking wait: a brief spin, then a futex sleep in the
// shared mapping, woken by the other side only when it has flagged itself as sleeping.
#include "shm/ring_channel.hpp"
#include "tvp/sync/wait_policy.hpp"

namespace tvp::transports {

std::unique_ptr<Channel> make_shm_ring_wait(const ChannelOptions& o, const char* what) {
  return std::make_unique<shm::ShmRingChannel<sync::FutexWait>>(o, what);
}

}  // namespace tvp::transports
