// Runs one side of a conversation in a std::thread or in a fork()ed child, with the same start
// handshake, watchdog and error reporting for both, so that a benchmark changes only the model.
//
//   Peer peer({.name = "echo", .model = Model::process, .cpu = 1,
//              .on_failure = [&] { channel->abort(); }},
//             [&](PeerContext& ctx) { ... serve messages, ctx.progress() per message ... });
//   ... talk to it ...
//   peer.join();  // throws PeerError naming the peer and the cause
//
// A child never returns into the parent's stack: it ends with _exit(), reporting success, an
// exception's message or a verification failure through a shared block. A crash (signal), a non-zero
// exit, or no progress for `stall_timeout` is a PeerError; the watchdog then calls `on_failure` (which
// should abort the channel so the caller's blocked receive returns) and kills a child. Destroying a
// Peer on any path stops, kills and reaps it; a constructor that throws has done the same first.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "tvp/transport.hpp"
#include "tvp/usage.hpp"

namespace tvp {

namespace peer {
struct PeerBlock;  // lib/src/peer/peer_block.hpp
}

// The watchdog's default stall timeout (initially 10 s); tvp-bench's --tvp_watchdog_ms sets it.
std::chrono::milliseconds default_stall_timeout() noexcept;
void set_default_stall_timeout(std::chrono::milliseconds t) noexcept;

class PeerContext {
 public:
  // Call once per message handled: a peer whose progress stops for stall_timeout is hung.
  void progress() noexcept;
  // Starts the usage window reported by Peer::usage() (default: right after the handshake), so
  // warm-up messages can be left out.
  void mark_measure_start();
  // True once the parent has given up (stall or teardown): a thread peer must return promptly.
  bool stop_requested() const noexcept;

  // Made by Peer only (the block is its private shared report area).
  explicit PeerContext(peer::PeerBlock* block) : block_(block) {}
  Usage measure_start() const noexcept { return start_; }

 private:
  peer::PeerBlock* block_;
  Usage start_{};
};

struct PeerOptions {
  std::string name = "peer";
  Model model = Model::thread;
  int cpu = -1;  // pin the peer to this CPU; -1 leaves it to the scheduler
  std::chrono::milliseconds stall_timeout = default_stall_timeout();
  // Called at most once: when the peer died, failed or stalled (from the watchdog thread), or when a
  // constructor or destructor gives up on a peer that may be blocked in its channel. Typically
  // `channel.abort()`. Must not throw.
  std::function<void()> on_failure;
  // Run right after fork() in the child and in the parent respectively (process model only):
  // typically each detaches the other side's endpoint so a dead peer reads as end-of-file. An
  // exception from in_child is the peer's failure (the constructor throws PeerError naming it); one
  // from in_parent leaves the constructor after the child is killed and reaped.
  std::function<void()> in_child;
  std::function<void()> in_parent;
};

class Peer {
 public:
  using Body = std::function<void(PeerContext&)>;

  // Starts `body` and returns once the peer has pinned itself and completed the start handshake.
  // Throws PeerError if it fails or stalls before that. REQUIRES (process model): the calling
  // process is single-threaded apart from threads that do not hold locks across the fork.
  Peer(PeerOptions options, Body body);
  ~Peer();
  Peer(const Peer&) = delete;
  Peer& operator=(const Peer&) = delete;

  // Waits for the body to end. Throws PeerError("peer '<name>' ...: <cause>") on a crash, non-zero
  // exit, exception, verification failure or stall. Idempotent: a second call rethrows the result.
  void join();
  // CPU time and context switches of the peer from mark_measure_start() to the end of the body.
  // REQUIRES: join() returned normally.
  Usage usage() const;
  // The child's pid (process model), 0 for a thread. For fault-injection tests.
  pid_t pid() const noexcept;
  const std::string& name() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace tvp
