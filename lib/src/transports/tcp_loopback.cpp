// tcp_loopback: one TCP connection over 127.0.0.1 carrying length-framed messages exactly as
// unix_stream does (StreamEndpoint), one socket per endpoint for both directions. The connection is
// made before the peer starts (fd/tcp_pair.cpp: port 0, connect, accept, listener closed), with
// TCP_NODELAY and the Unix sockets' buffer sizes, so latency/tcp_loopback ÷ latency/unix_stream is
// what the TCP/IP stack adds to the same framing. A dead peer is seen by the kernel itself: its
// socket closes, a read returns end-of-file (or ECONNRESET when it died with unread data) and a
// write fails with EPIPE.
#include "fd/socket_channel.hpp"
#include "fd/stream_endpoint.hpp"

namespace tvp::transports {

std::unique_ptr<Channel> make_tcp_loopback(const ChannelOptions& o, const char* what) {
  using StreamChannel = fd::SocketChannel<fd::StreamEndpoint, &fd::StreamEndpoint::read_fd>;
  // The very connection bare/tcp_loopback runs over (the row's bare fds), made by the same call.
  return std::make_unique<StreamChannel>(
      fd::make_tcp_loopback_pair(), [&o, what](UniqueFd socket, const std::atomic<bool>& aborted) {
        // No separate write fd: write_fd() falls back to the one socket.
        return std::make_unique<fd::StreamEndpoint>(std::move(socket), UniqueFd(),
                                                    o.max_message_bytes, aborted, what);
      });
}

}  // namespace tvp::transports
