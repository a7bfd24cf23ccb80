// sharedptr_mutex: std::shared_ptr<const Message> handed between threads through a
// std::mutex + std::condition_variable queue per direction. Thread model only.
#include "queues/locked_queue.hpp"
#include "sharedptr/handoff_channel.hpp"
#include "sharedptr/message.hpp"

namespace tvp::transports {

std::unique_ptr<Channel> make_sharedptr_mutex(const ChannelOptions& o, const char* what) {
  using Queue = queues::LockedQueue<std::shared_ptr<const sharedptr::Message>>;
  return std::make_unique<sharedptr::HandoffChannel<Queue>>(o, what);
}

}  // namespace tvp::transports
