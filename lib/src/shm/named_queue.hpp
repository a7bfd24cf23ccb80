// A boost::interprocess::message_queue under a fresh name of ours (shm/name.hpp): created
// exclusively with mode 0600, the name removed again when the NamedQueue goes. Boost 1.74's queue
// can only live in a named object; shm_mq takes the queue and drops the name before any fork.
#pragma once

#include <boost/interprocess/ipc/message_queue.hpp>
#include <cstddef>
#include <memory>

#include "shm/name.hpp"

namespace tvp::shm {

class NamedQueue {
 public:
  // A queue of `depth` messages of up to `slot_bytes` each, named "tvp-mq-<pid>-<hex>". A name in
  // use is skipped, never opened or removed. Throws SystemError naming the queue and the cause.
  // `what` names the transport in errors.
  NamedQueue(std::size_t depth, std::size_t slot_bytes, const char* what,
             const SuffixSource& next_suffix = random_suffix);
  NamedQueue(const NamedQueue&) = delete;
  NamedQueue& operator=(const NamedQueue&) = delete;

  const char* name() const noexcept { return name_.c_str(); }
  boost::interprocess::message_queue& queue() const noexcept { return *queue_; }
  // The queue itself, which stays mapped after the name is gone.
  std::unique_ptr<boost::interprocess::message_queue> take_queue() noexcept {
    return std::move(queue_);
  }

 private:
  // Before name_: filled while name_ is being built, and unmapped after the name is removed.
  std::unique_ptr<boost::interprocess::message_queue> queue_;
  ScopedShmName name_;
};

}  // namespace tvp::shm
