// The connected socket pairs under the socket transports: Unix domain sockets (unix_stream,
// unix_dgram, unix_seqpacket, cma's signalling) and a TCP connection over 127.0.0.1
// (tcp_loopback). Made in the parent before a fork, one socket per endpoint, each carrying both
// directions.
#pragma once

#include "tvp/unique_fd.hpp"

namespace tvp::fd {

struct SocketPair {
  UniqueFd first;
  UniqueFd second;
};

// socketpair(AF_UNIX, type | SOCK_CLOEXEC) with SO_SNDBUF/SO_RCVBUF of both sockets raised to
// net.core.wmem_max / rmem_max (the most an unprivileged process may ask for; the kernel leaves
// its default if /proc cannot be read). A write to a closed peer fails with EPIPE only with SIGPIPE
// ignored (tvp/process_signals.hpp, at start-up). Throws SystemError.
SocketPair make_socketpair(int type);

// A connected TCP pair over 127.0.0.1 (fd/tcp_pair.cpp): listen on port 0 (the kernel picks a free
// port), connect, accept, close the listener, so nothing listens once it returns and no port number
// is fixed. TCP_NODELAY on both ends, SOCK_CLOEXEC, buffers raised as make_socketpair's (before
// listen/connect, so the window scale covers them). Throws SystemError.
SocketPair make_tcp_loopback_pair();

// What the kernel granted, in the bytes it accounts with (twice the value asked for, to cover
// bookkeeping). Throws SystemError.
struct BufferSizes {
  int send_bytes;
  int receive_bytes;
};
BufferSizes buffer_sizes(int fd);

}  // namespace tvp::fd
