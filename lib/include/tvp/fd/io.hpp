// Blocking read/write helpers of the fd-based transports (pipe, Unix sockets) and of bench's bare/
// loops over the same descriptors, so both read, write and fail alike. Descriptors are owned by
// UniqueFd (tvp/unique_fd.hpp); nothing here closes one.
#pragma once

#include <atomic>
#include <cstddef>

namespace tvp::fd {

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

// Reads exactly `n` bytes (a stream may split a message over several reads). Throws as read_some.
void read_exact(int fd, void* buf, std::size_t n, const char* what);

// shutdown(SHUT_RDWR) if fd >= 0: wakes every call blocked on the socket in this process (recv
// returns 0, send fails with EPIPE; for connected pairs the peer's socket too) while the number
// stays ours, so no concurrent call can land on a reused fd. Never throws.
void shut_down(int fd) noexcept;

// From a watchdog: wakes whatever is blocked on `fd` in this process without freeing the number,
// choosing by what it is: shut_down() for a socket, neuter() for anything else. Never throws.
void interrupt(int fd) noexcept;

// Throws ChannelClosed("<what>: channel aborted") if `flag` is set.
void throw_if_aborted(const std::atomic<bool>& flag, const char* what);

}  // namespace tvp::fd
