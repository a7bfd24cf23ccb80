#include "handoff_trial.hpp"

namespace tvp::bench {

PeerOptions handoff_peer_options(std::string name, Placement p, std::function<void()> close) {
  PeerOptions o;
  o.name = std::move(name);
  o.model = Model::thread;
  o.cpu = cpus_for(p).second;
  o.on_failure = std::move(close);
  return o;
}

}  // namespace tvp::bench
