// Starting a peer: the thread or child, the pipes between it and the parent, and the start
// handshake. Owns all of them: destroying a Launch on any path (a later constructor step throwing
// included) stops and joins the thread, or kills and reaps the child, and closes every fd.
#pragma once

#include <sys/types.h>

#include <string>

#include "peer/child_process.hpp"
#include "peer/peer_block.hpp"
#include "peer/peer_thread.hpp"
#include "peer/release_latch.hpp"
#include "peer/stop_signal.hpp"
#include "tvp/peer.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::peer {

class Launch {
 public:
  // Starts `body` as `opt.model` says and returns once the peer has pinned itself and written its
  // handshake byte. Throws PeerError if the peer ended or stalled before that (the peer is reaped
  // and `stop` fired first), SystemError if a step failed, and whatever in_parent throws.
  // REQUIRES: opt, block and stop outlive this object.
  Launch(const PeerOptions& opt, Peer::Body body, PeerBlock& block, StopSignal& stop);
  Launch(const Launch&) = delete;
  Launch& operator=(const Launch&) = delete;

  pid_t pid() const noexcept { return child_.pid(); }
  // "peer '<name>' (process <pid>)" / "(thread)".
  std::string who() const;
  // Readable when the peer has ended: its kEndedByte, or end-of-file once its write end closed.
  int status_fd() const noexcept { return status_rd_.get(); }

  // SIGKILLs a child; nothing for a thread (it is stopped through the StopSignal).
  void kill() noexcept { child_.kill(); }
  // Lets a finished peer end (it waits for this after its body). Idempotent.
  void release() noexcept { release_.release(); }
  // Joins the thread or reaps the child; returns the child's wait status (0 for a thread).
  // `stalled`: a thread was told to stop after a stall; if it has still not ended after the stall
  // timeout the process exits with status 3, because a hang would be worse than dying loudly.
  // REQUIRES: release() was called, or the peer was stopped or killed.
  int reap(bool stalled) noexcept;

 private:
  void start_thread(PipeFds status);
  void start_child(PipeFds status);
  // Waits for kReadyByte for up to the stall timeout.
  enum class Handshake { ready, ended, silent };
  Handshake wait_ready();

  const PeerOptions& opt_;
  PeerBlock& block_;
  StopSignal& stop_;
  Peer::Body body_;
  ReleaseLatch release_;
  UniqueFd status_rd_;  // the parent's end of the status pipe
  ChildProcess child_;
  PeerThread thread_;  // last: joined first, while the body and the fds it uses still exist
};

}  // namespace tvp::peer
