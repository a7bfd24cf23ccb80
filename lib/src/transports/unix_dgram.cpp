// unix_dgram: an AF_UNIX SOCK_DGRAM socketpair, one endpoint per socket, with the fragmenting
// PacketEndpoint (message boundaries are the kernel's; large messages travel as several datagrams).
// A dead peer is NOT reported by the kernel: SOCK_DGRAM has no connection to lose, so a blocked
// recv() is not woken when the peer dies (poll reports nothing) and only send() notices
// (ECONNREFUSED, then ENOTCONN). A receive waiting on a dead peer ends when the peer's watchdog
// sees the death and calls abort(), whose shutdown() wakes it. (The first send to the dead peer
// also discards what this side had received and not yet read: the kernel's rule for a disconnected
// datagram socket.) Compare unix_seqpacket.cpp.
#include <sys/socket.h>

#include "fd/packet_endpoint.hpp"

namespace tvp::transports {

std::unique_ptr<Channel> make_unix_dgram(const ChannelOptions& o, const char* what) {
  return fd::make_packet_channel(SOCK_DGRAM, what, o);
}

}  // namespace tvp::transports
