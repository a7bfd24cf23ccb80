// Blocking read/write helpers shared by the fd-based transports (pipe, Unix sockets).
#pragma once

#include <atomic>
#include <cstddef>

namespace tvp::fdio {

// Writes all `n` bytes (looping over partial writes, retrying EINTR). Throws ChannelClosed on
// EPIPE/ECONNRESET (peer gone), SystemError otherwise. `what` names the transport in messages.
void write_all(int fd, const void* buf, std::size_t n, const char* what);

// One read(); returns bytes read (> 0). Throws ChannelClosed on end-of-file or ECONNRESET,
// SystemError otherwise. Retries EINTR.
std::size_t read_some(int fd, void* buf, std::size_t n, const char* what);

// Replaces `fd` with /dev/null atomically (dup2), so a thread blocked on the *other* end of the
// pipe sees end-of-file / EPIPE once no real copy of this end is left, and no fd number is reused
// under a concurrent operation. Never throws.
void neuter(int fd) noexcept;

// Throws ChannelClosed("<what>: channel aborted") if `flag` is set.
void throw_if_aborted(const std::atomic<bool>& flag, const char* what);

}  // namespace tvp::fdio
