// One trial of a family that hands C++ objects between two threads (ownership; structured's
// shared_ptr case): a forward and a backward queue, and a tvp::Peer thread pinned by the placement
// while the initiator is pinned for the trial, exactly as TrialPeer does for transports.
#pragma once

#include <functional>
#include <string>
#include <utility>

#include "round_trips.hpp"
#include "session.hpp"
#include "tvp/error.hpp"
#include "tvp/peer.hpp"
#include "tvp/placement.hpp"
#include "tvp/queues/spsc_pointer_queue.hpp"

namespace tvp::bench {

// The peer thread's options: pinned per placement, `close` on failure.
PeerOptions handoff_peer_options(std::string name, Placement p, std::function<void()> close);

template <class Forward, class Backward>
class HandoffTrial {
 public:
  // The peer thread calls serve(seq) for seq = 0 .. warmup + count - 1, its usage counted after
  // the warm-up; serve typically pops `forward` and pushes `backward`.
  template <class Serve>
  HandoffTrial(const std::string& name, Placement placement, std::uint64_t warmup,
               std::uint64_t count, Serve serve)
      : forward(1, name + " forward"),
        backward(1, name + " backward"),
        warmup_(warmup),
        pin_(cpus_for(placement).first),
        peer_(handoff_peer_options(name, placement, [this] { close(); }),
              [serve, warmup, total = warmup + count](PeerContext& ctx) mutable {
                for (std::uint64_t seq = 0; seq < total; ++seq) {
                  if (seq == warmup) ctx.mark_measure_start();
                  serve(seq);
                  ctx.progress();
                }
              }) {}

  // Runs the initiator's round trips (warm-up, then one per iteration), joins the peer and returns
  // both sides' usage. When the initiator ends with ChannelClosed the peer's own error (a failed
  // check, a stall) is thrown instead, so the report names the root cause.
  template <class RoundTrip>
  Usage run(benchmark::State& state, RoundTripTimes& times, RoundTrip&& round_trip) {
    Usage mine;
    try {
      mine = warm_then_time_round_trips(state, warmup_, times, round_trip);
    } catch (const ChannelClosed&) {
      close();
      peer_.join();
      throw;
    }
    peer_.join();
    return mine + peer_.usage();
  }

  // The sharedptr_spsc transport's own queue: the baseline hands over exactly as it does.
  queues::SpscPointerQueue<Forward> forward;
  queues::SpscPointerQueue<Backward> backward;

 private:
  void close() noexcept {
    forward.close();
    backward.close();
  }

  std::uint64_t warmup_;
  PinnedThread pin_;
  Peer peer_;  // last: stopped before the queues it uses go away
};

}  // namespace tvp::bench
