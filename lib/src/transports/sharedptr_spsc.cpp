// sharedptr_spsc: std::shared_ptr<const Message> handed between threads through a lock-free SPSC
// queue per direction (a ring of slots that each carry their own sequence number, so a hand-over
// moves one cache line); waits spin briefly, then yield. Thread model only.
#include "sharedptr/handoff_channel.hpp"
#include "sharedptr/message.hpp"
#include "tvp/queues/spsc_pointer_queue.hpp"

namespace tvp::transports {

std::unique_ptr<Channel> make_sharedptr_spsc(const ChannelOptions& o, const char* what) {
  using Queue = queues::SpscPointerQueue<std::shared_ptr<const sharedptr::Message>>;
  return std::make_unique<sharedptr::HandoffChannel<Queue>>(o, what);
}

}  // namespace tvp::transports
