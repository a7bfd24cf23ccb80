// The two halves of a verified conversation, shared by tests and benchmarks so both exercise the
// same code: the initiator sends seq 0,1,2,...; the peer verifies each and answers with a message of
// the same size and sequence number; the initiator verifies the answer.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tvp/payload.hpp"
#include "tvp/peer.hpp"
#include "tvp/transport.hpp"

namespace tvp {

// Sends one verified message (canonical content for `seq`).
inline void send_message(Endpoint& ep, std::size_t bytes, std::uint64_t seq) {
  fill_payload(ep.prepare(bytes), seq);
  ep.send();
}

// Receives one message and verifies it is exactly the canonical (seq, bytes). Throws VerifyError.
inline void receive_message(Endpoint& ep, std::size_t bytes, std::uint64_t seq) {
  auto msg = ep.receive();
  const bool ok = payload_ok(msg, seq, bytes);
  if (!ok) verify_payload(msg, seq, bytes);  // throws with the detail
  ep.release();
}

// Peer side: answers `count` messages starting at `first_seq`, reporting progress per message.
inline void serve_echo(Endpoint& ep, PeerContext& ctx, std::size_t bytes, std::uint64_t count,
                       std::uint64_t first_seq = 0) {
  for (std::uint64_t i = 0; i < count; ++i) {
    receive_message(ep, bytes, first_seq + i);
    send_message(ep, bytes, first_seq + i);
    ctx.progress();
  }
}

}  // namespace tvp
