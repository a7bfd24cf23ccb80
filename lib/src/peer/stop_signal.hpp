// How the parent tells a running peer to give up: the block's stop flag (which a thread peer polls)
// and the caller's on_failure (which aborts the channel a blocked peer or caller waits on). Fired
// at most once, from whichever path gives up first: the watchdog, a failed start or a destructor.
#pragma once

#include <atomic>
#include <functional>

#include "peer/peer_block.hpp"

namespace tvp::peer {

class StopSignal {
 public:
  // REQUIRES: `block` and `on_failure` outlive this object.
  StopSignal(PeerBlock& block, const std::function<void()>& on_failure) noexcept
      : block_(block), on_failure_(on_failure) {}
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  // Sets the stop flag, then runs on_failure once. Thread-safe; on_failure must not throw.
  void fire() noexcept {
    // release: pairs with the acquire in PeerContext::stop_requested().
    block_.stop.store(1, std::memory_order_release);
    if (!fired_.exchange(true, std::memory_order_acq_rel) && on_failure_) on_failure_();
  }

 private:
  PeerBlock& block_;
  const std::function<void()>& on_failure_;
  std::atomic<bool> fired_{false};
};

}  // namespace tvp::peer
