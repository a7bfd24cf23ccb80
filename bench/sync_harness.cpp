#include "sync_harness.hpp"

#include "session.hpp"
#include "tvp/error.hpp"

namespace tvp::bench {

void run_two_parties(const TwoParties& parties) {
  const auto [mine, theirs] = cpus_for(parties.placement);
  PinnedThread pin(mine);
  PeerOptions opt;
  opt.name = parties.peer_name;
  opt.model = parties.model;
  opt.cpu = theirs;
  opt.on_failure = parties.abort;
  Peer peer(std::move(opt), parties.peer);
  try {
    parties.measure();
  } catch (const ChannelClosed&) {
    peer.join();  // the peer died or stalled: its PeerError is the cause worth reporting
    throw;
  } catch (...) {
    // This side failed first: release the peer's waits now rather than after the watchdog's stall
    // timeout. Its resulting ChannelClosed is a consequence, not news.
    parties.abort();
    try {
      peer.join();
    } catch (const PeerError&) {
    }
    throw;
  }
  peer.join();
  if (parties.check) parties.check();
}

}  // namespace tvp::bench
