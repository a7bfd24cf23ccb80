// One trial of a two-sided benchmark: the peer is started before timing (pinned per placement and
// told exactly how much work it will get), the initiator is pinned for the trial, and afterwards
// the peer is joined so its CPU time and context switches can be counted. Google Benchmark calls a
// benchmark function once per trial (1, 10, 100... iterations) and per repetition, so all of this
// happens per call, outside the timed region.
#pragma once

#include <benchmark/benchmark.h>

#include <exception>
#include <functional>
#include <memory>
#include <string>

#include "matrix.hpp"
#include "tvp/error.hpp"
#include "tvp/peer.hpp"
#include "tvp/transport.hpp"
#include "tvp/usage.hpp"

namespace tvp::bench {

// Pins the calling thread to `cpu` (-1: leaves it alone) and restores the start-up affinity on
// every path, so one benchmark's placement cannot leak into the next.
class PinnedThread {
 public:
  explicit PinnedThread(int cpu);
  ~PinnedThread();
  PinnedThread(const PinnedThread&) = delete;
  PinnedThread& operator=(const PinnedThread&) = delete;

 private:
  bool pinned_;
};

// What a peer needs to know about the resources it shares with the initiator (see PeerOptions).
struct PeerHooks {
  std::function<void()> abort;      // unblocks both sides; called by the watchdog on failure
  std::function<void()> in_child;   // after fork, in the child
  std::function<void()> in_parent;  // after fork, in the parent
};

// The peer of one trial, on the CPU its placement gives it.
class TrialPeer {
 public:
  // `role` names the peer in errors: "<transport> <role> (process N)".
  TrialPeer(const Cell& cell, std::string_view role, PeerHooks hooks, Peer::Body body);

  // Runs the initiator's side. When it fails with ChannelClosed, the peer is the likely cause (it
  // died, failed a check or hung and the watchdog aborted the channel): the peer's error is thrown
  // instead, so the report names the root cause. Other failures propagate unchanged.
  template <class Fn>
  void drive(Fn&& initiator) {
    try {
      initiator();
    } catch (const ChannelClosed&) {
      rethrow_peer_failure();
      throw;
    }
  }

  // Joins the peer; returns its CPU time and context switches from its measure start.
  // Throws PeerError.
  Usage finish();

 private:
  void rethrow_peer_failure();

  PeerHooks hooks_;
  PinnedThread pin_;  // before peer_: pinned before the peer starts, unpinned after it is reaped
  Peer peer_;
};

// A channel from the registry and its peer: the usual shape of a transport benchmark.
class ChannelTrial {
 public:
  // The peer body receives the peer's endpoint (b).
  using Body = std::function<void(Endpoint&, PeerContext&)>;
  ChannelTrial(const Cell& cell, const ChannelOptions& options, std::string_view role, Body body);

  Endpoint& initiator() { return channel_->a(); }
  template <class Fn>
  void drive(Fn&& fn) {
    peer_.drive(std::forward<Fn>(fn));
  }
  Usage finish() { return peer_.finish(); }

 private:
  std::unique_ptr<Channel> channel_;
  TrialPeer peer_;
};

// Runs one trial body; any exception becomes state.SkipWithError(what()), so a failed benchmark
// reports an error instead of a number and the run goes on. `State` is benchmark::State or
// BatchState (a batch of a paired comparison).
template <class State, class Fn>
void run_trial(State& state, Fn&& body) {
  try {
    body();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

// Sets cpu_ns_per_msg, vcsw_per_msg and ivcsw_per_msg: both sides' usage over `messages`.
void set_usage_counters(benchmark::UserCounters& counters, const Usage& both_sides,
                        std::uint64_t messages);
template <class State>
void set_usage_counters(State& state, const Usage& both_sides, std::uint64_t messages) {
  set_usage_counters(state.counters, both_sides, messages);
}

}  // namespace tvp::bench
