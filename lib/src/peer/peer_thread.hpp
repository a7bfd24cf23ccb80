// Owner of a thread peer's std::thread: whoever holds it stops, releases and joins the peer on
// every path, so an unwinding parent never destroys a joinable std::thread (std::terminate).
#pragma once

#include <thread>
#include <utility>

#include "peer/peer_block.hpp"
#include "peer/release_latch.hpp"
#include "peer/stop_signal.hpp"

namespace tvp::peer {

class PeerThread {
 public:
  // REQUIRES: all three outlive this object.
  PeerThread(const PeerBlock& block, StopSignal& stop, ReleaseLatch& release) noexcept
      : block_(block), stop_(stop), release_(release) {}
  PeerThread(const PeerThread&) = delete;
  PeerThread& operator=(const PeerThread&) = delete;
  // A thread cannot be killed: one still in its body is asked to stop (and its channel aborted by
  // on_failure), then released from its final wait, then joined.
  ~PeerThread();

  // Throws std::system_error if no thread can be started.
  template <class Run>
  void start(Run&& run) {
    thread_ = std::thread(std::forward<Run>(run));
  }
  // Joins the thread. Idempotent.
  void join() noexcept;

 private:
  const PeerBlock& block_;
  StopSignal& stop_;
  ReleaseLatch& release_;
  std::thread thread_;
};

}  // namespace tvp::peer
