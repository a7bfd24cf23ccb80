#include "peer/peer_thread.hpp"

namespace tvp::peer {

PeerThread::~PeerThread() {
  if (!thread_.joinable()) return;
  if (block_.outcome.load(std::memory_order_acquire) == kRunning) stop_.fire();
  release_.release();
  join();
}

void PeerThread::join() noexcept {
  if (thread_.joinable()) thread_.join();
}

}  // namespace tvp::peer
