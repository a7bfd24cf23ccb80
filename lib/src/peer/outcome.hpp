// What a peer's end means: the PeerError message, from what the peer reported in its block, how the
// watchdog saw it end and a child's wait status. Pure functions: no resources here.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>

#include "peer/peer_block.hpp"

namespace tvp::peer {

// "peer '<name>' (process <pid>)" or "peer '<name>' (thread)": how every message names the peer.
std::string describe_peer(const std::string& name, pid_t pid);

// "killed by signal 9 (Killed)", "exited with status 3", ...
std::string describe_wait_status(int status);

struct Ending {
  bool stalled = false;      // no progress for stall_timeout: the peer was stopped or killed
  bool ended_early = false;  // ended OK, but the caller still waited for it after stall_timeout
  int wait_status = 0;       // a child's status from waitpid (process model only)
};

// The error for a peer that ended as `ending` says, or nullopt if it succeeded. `pid` is 0 for a
// thread. REQUIRES: the peer has been joined or reaped (its block no longer changes).
std::optional<std::string> describe_failure(const std::string& name, pid_t pid,
                                            std::chrono::milliseconds stall_timeout,
                                            const PeerBlock& block, const Ending& ending);

}  // namespace tvp::peer
