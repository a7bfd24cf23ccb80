// The kernel buffer sizes of the fd-based transports (pipe, the Unix sockets, tcp_loopback). The transports and the raw descriptors of bench's bare/ loops
// (tvp/fd/raw_pair.hpp) are both sized with these calls, so the two cannot drift apart.
#pragma once

namespace tvp {

// The pipe transport's buffer: 1 MiB, the default fs.pipe-max-size (the most an unprivileged
// process may ask for), so large messages need fewer wake-ups.
inline constexpr int kPipeBufferBytes = 1 << 20;

// fcntl(F_SETPIPE_SZ, kPipeBufferBytes) on either end of a pipe. A refusal leaves the kernel's
// 64 KiB default. Never throws.
void size_pipe_buffer(int pipe_fd) noexcept;

// Raises SO_SNDBUF and SO_RCVBUF of a socket (Unix or TCP) to net.core.wmem_max / rmem_max (the most
// an unprivileged process may ask for); never lowers them, and leaves them if /proc cannot be read.
// On a TCP socket a set size also turns off the kernel's receive-buffer autotuning, so both kinds
// run with the same fixed buffers. Throws SystemError.
void size_socket_buffers(int socket_fd);

}  // namespace tvp
