// The connected pair of Unix domain sockets under unix_stream, unix_dgram and unix_seqpacket: made
// in the parent before a fork, one socket per endpoint, each carrying both directions.
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

// What the kernel granted, in the bytes it accounts with (twice the value asked for, to cover
// bookkeeping). Throws SystemError.
struct BufferSizes {
  int send_bytes;
  int receive_bytes;
};
BufferSizes buffer_sizes(int fd);

}  // namespace tvp::fd
