#include "session.hpp"

#include "tvp/error.hpp"
#include "tvp/placement.hpp"

namespace tvp::bench {

PinnedThread::PinnedThread(int cpu) : pinned_(cpu >= 0) { pin_this_thread(cpu); }

PinnedThread::~PinnedThread() {
  if (!pinned_) return;
  try {
    unpin_this_thread();
  } catch (const std::exception&) {
    // Cannot fail for a mask the process already had; if it did, the next trial pins anyway.
  }
}

namespace {

PeerOptions peer_options(const Cell& cell, std::string_view role, const PeerHooks& hooks) {
  PeerOptions o;
  o.name = std::string(cell.transport->name) + " " + std::string(role);
  o.model = cell.model;
  o.cpu = cpus_for(cell.placement).second;
  o.on_failure = hooks.abort;
  o.in_child = hooks.in_child;
  o.in_parent = hooks.in_parent;
  return o;
}

}  // namespace

TrialPeer::TrialPeer(const Cell& cell, std::string_view role, PeerHooks hooks, Peer::Body body)
    : hooks_(std::move(hooks)),
      pin_(cpus_for(cell.placement).first),
      peer_(peer_options(cell, role, hooks_), std::move(body)) {}

void TrialPeer::rethrow_peer_failure() {
  // The channel may still be open if the initiator saw the peer close its end cleanly; abort so
  // that join() cannot wait on a peer that is itself blocked.
  if (hooks_.abort) hooks_.abort();
  peer_.join();  // throws PeerError when the peer failed
}

Usage TrialPeer::finish() {
  peer_.join();
  return peer_.usage();
}

ChannelTrial::ChannelTrial(const Cell& cell, const ChannelOptions& options, std::string_view role,
                           Body body)
    : channel_(cell.transport->make(options)),
      peer_(
          cell, role,
          PeerHooks{[ch = channel_.get()] { ch->abort(); },
                    [ch = channel_.get()] { ch->a().detach(); },
                    [ch = channel_.get()] { ch->b().detach(); }},
          [ch = channel_.get(), body = std::move(body)](PeerContext& ctx) { body(ch->b(), ctx); }) {
}

void set_usage_counters(benchmark::UserCounters& c, const Usage& u, std::uint64_t messages) {
  const double n = messages ? static_cast<double>(messages) : 1.0;
  c["cpu_ns_per_msg"] = static_cast<double>(u.cpu_ns) / n;
  c["vcsw_per_msg"] = static_cast<double>(u.voluntary_switches) / n;
  c["ivcsw_per_msg"] = static_cast<double>(u.involuntary_switches) / n;
}

}  // namespace tvp::bench
