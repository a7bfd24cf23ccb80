// The watchdog: a thread that waits for a started peer to end, stall or be given up on. On a stall
// or a failure it fires the StopSignal (unblocking the caller) and kills a child. Owns its thread
// and its wake-up pipe: destroying a Watchdog on any path wakes and joins the thread.
#pragma once

#include <atomic>
#include <chrono>
#include <thread>

#include "peer/launch.hpp"
#include "peer/peer_block.hpp"
#include "peer/stop_signal.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::peer {

class Watchdog {
 public:
  // Starts watching a peer that has completed its handshake. Throws SystemError or
  // std::system_error. REQUIRES: all references outlive this object.
  Watchdog(Launch& peer, const PeerBlock& block, StopSignal& stop,
           std::chrono::milliseconds stall_timeout);
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;
  // Gives up on the peer (as finish(false)) if finish() was not called.
  ~Watchdog() { (void)finish(false); }

  struct Verdict {
    bool stalled = false;      // no progress for the stall timeout: stopped, and a child killed
    bool ended_early = false;  // ended OK but not joined within the stall timeout: released
  };
  // Ends the watch and joins the thread. `joining`: the caller is about to wait for the peer to
  // end, so the watchdog keeps watching it until it does (or stalls); otherwise the caller gives up
  // on it and the watchdog stops it at once. Idempotent: later calls return the first verdict.
  Verdict finish(bool joining) noexcept;

 private:
  void watch() noexcept;
  // After a successful end: waits for the caller to join or give up, releasing the peer and firing
  // the StopSignal if it does neither within the stall timeout.
  void await_join() noexcept;

  Launch& peer_;
  const PeerBlock& block_;
  StopSignal& stop_;
  const std::chrono::milliseconds stall_;
  PipeFds wake_;  // finish() writes here to end the watchdog's waits early
  std::atomic<bool> joining_{false};
  std::atomic<bool> stalled_{false};
  std::atomic<bool> ended_early_{false};
  std::thread thread_;  // last: started once everything it reads exists
};

}  // namespace tvp::peer
