// unix_dgram and unix_seqpacket: an AF_UNIX socketpair of either kind, one endpoint per socket, the
// same fragmenting PacketEndpoint (message boundaries are the kernel's; large messages travel as
// several datagrams). They differ in how a dead peer shows:
// - SOCK_SEQPACKET is connected like a stream: the kernel reports the peer's death itself, recv()
//   returns end-of-file and send() fails with EPIPE.
// - SOCK_DGRAM has no connection to lose: a blocked recv() is NOT woken when the peer dies (poll
//   reports nothing) and only send() notices (ECONNREFUSED, then ENOTCONN). A receive waiting on a
//   dead peer ends when the peer's watchdog sees the death and calls abort(), whose shutdown()
//   wakes it. (The first send to the dead peer also discards what this side had received and not
//   yet read: the kernel's rule for a disconnected datagram socket.)
#include <sys/socket.h>

#include "unix_packet_endpoint.hpp"

namespace tvp::transports {

std::unique_ptr<Channel> make_unix_dgram(const ChannelOptions& o, const char* what) {
  return unixsock::make_packet_channel(SOCK_DGRAM, what, o);
}

std::unique_ptr<Channel> make_unix_seqpacket(const ChannelOptions& o, const char* what) {
  return unixsock::make_packet_channel(SOCK_SEQPACKET, what, o);
}

}  // namespace tvp::transports
