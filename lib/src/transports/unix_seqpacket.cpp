// unix_seqpacket: an AF_UNIX SOCK_SEQPACKET socketpair, one endpoint per socket, with the same
// fragmenting PacketEndpoint as unix_dgram. SOCK_SEQPACKET is connected like a stream: the kernel
// reports the peer's death itself, recv() returns end-of-file and send() fails with EPIPE.
#include <sys/socket.h>

#include "fd/packet_endpoint.hpp"

namespace tvp::transports {

std::unique_ptr<Channel> make_unix_seqpacket(const ChannelOptions& o, const char* what) {
  return fd::make_packet_channel(SOCK_SEQPACKET, what, o);
}

}  // namespace tvp::transports
