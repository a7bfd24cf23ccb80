// What runs in the peer thread or child: pin, handshake, body, outcome, then the wait for release.
#pragma once

#include <functional>

#include "peer/peer_block.hpp"
#include "tvp/peer.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::peer {

// The bytes on the status pipe, peer → parent.
inline constexpr char kReadyByte = 'R';  // pinned and about to run the body
inline constexpr char kEndedByte = 'D';  // the outcome is in the block; now waiting for release

// Runs `setup` (a child's in_child hook; may be empty), pins to `cpu` (-1: no pinning), writes
// kReadyByte, runs `body`, stores the outcome and any message in `block`, writes kEndedByte and
// blocks until `release_rd` reads a byte or end-of-file. Never throws: a failing setup, pin or body
// is reported as the outcome. `status_wr` is closed on return (a thread) or at _exit (a child), so
// the parent reads its end-of-file as "the peer has ended" whatever the cause.
void peer_main(PeerBlock& block, const std::function<void()>& setup, const Peer::Body& body,
               int cpu, UniqueFd status_wr, int release_rd) noexcept;

}  // namespace tvp::peer
