// unix_stream: an AF_UNIX SOCK_STREAM socketpair carrying length-framed messages (StreamEndpoint,
// as the pipe does), one socket per endpoint for both directions. A dead peer is seen by the kernel
// itself: once its last descriptor closes, a read returns end-of-file and a write fails with EPIPE.
#include <sys/socket.h>

#include "fd/socket_channel.hpp"
#include "fd/stream_endpoint.hpp"

namespace tvp::transports {

std::unique_ptr<Channel> make_unix_stream(const ChannelOptions& o, const char* what) {
  using StreamChannel = fd::SocketChannel<fd::StreamEndpoint, &fd::StreamEndpoint::read_fd>;
  return std::make_unique<StreamChannel>(
      SOCK_STREAM, [&o, what](UniqueFd socket, const std::atomic<bool>& aborted) {
        // No separate write fd: write_fd() falls back to the one socket.
        return std::make_unique<fd::StreamEndpoint>(std::move(socket), UniqueFd(),
                                                    o.max_message_bytes, aborted, what);
      });
}

}  // namespace tvp::transports
