#include "fd/packet_endpoint.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "tvp/fd/io.hpp"
#include "tvp/error.hpp"
#include "fd/socket_channel.hpp"
#include "fd/socketpair.hpp"
#include "fd/touched_buffer.hpp"

namespace tvp::fd {
namespace {

constexpr std::size_t kHeader = sizeof(FragmentHeader);
// The default datagram is a quarter of the send buffer, so that about four fragments are in
// flight and sender and receiver overlap, but at most 256 KiB: the kernel builds a datagram's
// first part in one physically contiguous block (an order-6 page allocation at 256 KiB, higher
// beyond, which may fail or stall on fragmented memory) while the gain flattens (two threads on
// this machine: 64 KiB 1.2 GB/s, 256 KiB 1.9 GB/s, 1 MiB 2.3 GB/s).
constexpr std::size_t kFragmentCap = 256 * 1024;
// The sender stops halving a refused datagram here: the kernel refuses even small ones.
constexpr std::size_t kFragmentFloor = 512;

std::size_t checked_max(std::size_t max_message_bytes, const char* what) {
  if (max_message_bytes == 0 || max_message_bytes > UINT32_MAX)
    throw std::invalid_argument(std::string(what) + ": max_message_bytes " +
                                std::to_string(max_message_bytes) +
                                " outside 1..4294967295 (the fragment header's 32-bit length)");
  return max_message_bytes;
}

std::size_t checked_fragment(std::size_t fragment_bytes, int fd, const char* what) {
  if (fragment_bytes == 0) {
    const auto send_buffer = static_cast<std::size_t>(buffer_sizes(fd).send_bytes);
    return std::clamp(send_buffer / 4, kFragmentFloor, kFragmentCap);
  }
  if (fragment_bytes <= kHeader)
    throw std::invalid_argument(
        std::string(what) + ": fragment of " + std::to_string(fragment_bytes) +
        " bytes leaves no room after the " + std::to_string(kHeader) + "-byte header");
  return fragment_bytes;
}

// The header for sendmsg/recvmsg of a datagram in two parts; `iov` must outlive it.
msghdr two_parts(iovec (&iov)[2]) noexcept {
  msghdr msg{};
  msg.msg_iov = iov;
  msg.msg_iovlen = 2;
  return msg;
}

[[noreturn]] void throw_closed(const std::atomic<bool>& aborted, const char* what,
                               const char* how) {
  fd::throw_if_aborted(aborted, what);  // an abort explains the error better than its symptom
  throw ChannelClosed(std::string(what) + ": peer closed the channel" + how);
}

[[noreturn]] void throw_bad_fragment(const char* what, const std::string& detail) {
  throw VerifyError(std::string(what) + ": " + detail);
}

// A datagram of `n` bytes (its real length) was read into room for `room` bytes and carries
// header `h`. Throws VerifyError unless it is fragment `index` of a message of `total` bytes.
void check_fragment(const char* what, std::size_t n, std::size_t room, const FragmentHeader& h,
                    std::uint32_t index, std::size_t total) {
  if (n <= kHeader)
    throw_bad_fragment(what, "datagram of " + std::to_string(n) +
                                 " bytes: no fragment header and body (stream out of sync)");
  if (n > room)
    throw_bad_fragment(what, "datagram of " + std::to_string(n) + " bytes is longer than the " +
                                 std::to_string(room) +
                                 " bytes (header and rest of the message) left for it: truncated");
  if (h.index != index)
    throw_bad_fragment(what, "fragment " + std::to_string(h.index) + " arrived where fragment " +
                                 std::to_string(index) + " was due (lost or reordered datagram)");
  if (h.message_bytes != total)
    throw_bad_fragment(what, "fragment " + std::to_string(index) + " says the message has " +
                                 std::to_string(h.message_bytes) + " bytes, fragment 0 said " +
                                 std::to_string(total));
}

}  // namespace

PacketEndpoint::PacketEndpoint(UniqueFd socket, std::size_t max_message_bytes,
                               const std::atomic<bool>& aborted, const char* what,
                               std::size_t fragment_bytes)
    : socket_(std::move(socket)),
      max_(checked_max(max_message_bytes, what)),
      aborted_(aborted),
      what_(what),
      fragment_(checked_fragment(fragment_bytes, socket_.get(), what)),
      out_(touched_buffer(kHeader + max_)),
      in_(touched_buffer(kHeader + max_)) {}

std::span<std::byte> PacketEndpoint::prepare(std::size_t bytes) {
  if (bytes == 0 || bytes > max_)
    throw std::invalid_argument(std::string(what_) + ": message of " + std::to_string(bytes) +
                                " bytes outside 1.." + std::to_string(max_));
  const FragmentHeader first{static_cast<std::uint32_t>(bytes), 0};
  std::memcpy(out_.get(), &first, kHeader);
  out_len_ = bytes;
  return {out_.get() + kHeader, bytes};
}

void PacketEndpoint::send() {
  fd::throw_if_aborted(aborted_, what_);
  std::size_t offset = 0;
  std::uint32_t index = 0;
  while (offset < out_len_) {
    const std::size_t chunk = std::min(fragment_ - kHeader, out_len_ - offset);
    if (const int refused = send_fragment(index, offset, chunk); refused != 0) {
      shrink_fragment(refused);  // the receiver takes fragments of any size: retry smaller
      continue;
    }
    offset += chunk;
    ++index;
  }
}

int PacketEndpoint::send_fragment(std::uint32_t index, std::size_t offset, std::size_t chunk) {
  FragmentHeader h{static_cast<std::uint32_t>(out_len_), index};
  iovec iov[2] = {{&h, kHeader}, {out_.get() + kHeader + offset, chunk}};
  msghdr msg = two_parts(iov);
  for (;;) {
    // Fragment 0's header is already in place in front of the body: one plain send(), the same
    // call a bare loop would make. MSG_NOSIGNAL: a closed peer is an error code, never SIGPIPE.
    const ssize_t n = index == 0 ? ::send(socket_.get(), out_.get(), kHeader + chunk, MSG_NOSIGNAL)
                                 : ::sendmsg(socket_.get(), &msg, MSG_NOSIGNAL);
    if (n >= 0) return 0;  // a datagram is queued whole or not at all
    switch (errno) {
      case EINTR:
        continue;
      case EMSGSIZE:  // larger than the send buffer allows
      case ENOBUFS:   // the kernel could not allocate a datagram this large right now
      case ENOMEM:
        return errno;
      case EPIPE:         // our side shut down (abort), or a seqpacket peer closed
      case ECONNREFUSED:  // a dgram peer closed: reported by the first send after its death
      case ENOTCONN:      // ... and by every later one
      case ECONNRESET:
        throw_closed(aborted_, what_, "");
      default:
        throw_errno(std::string(what_) + ": send");
    }
  }
}

void PacketEndpoint::shrink_fragment(int err) {
  if (fragment_ / 2 < kFragmentFloor)
    throw SystemError(
        std::string(what_) + ": send of a " + std::to_string(fragment_) + "-byte datagram", err);
  fragment_ /= 2;
}

std::size_t PacketEndpoint::receive_datagram(void* head, std::size_t head_len, std::byte* body,
                                             std::size_t body_len) {
  iovec iov[2] = {{head, head_len}, {body, body_len}};
  msghdr msg = two_parts(iov);
  for (;;) {
    // MSG_TRUNC: returns the datagram's real length, so a truncated one is detected, not misread.
    const ssize_t n = body == nullptr ? ::recv(socket_.get(), head, head_len, MSG_TRUNC)
                                      : ::recvmsg(socket_.get(), &msg, MSG_TRUNC);
    if (n > 0) return static_cast<std::size_t>(n);
    // 0: a seqpacket peer closed, or our socket was shut down (abort). Every fragment carries a
    // header, so an empty datagram is never data.
    if (n == 0) throw_closed(aborted_, what_, " (end of file)");
    if (errno == EINTR) continue;
    if (errno == ECONNRESET) throw_closed(aborted_, what_, "");
    throw_errno(std::string(what_) + ": recv");
  }
}

std::span<const std::byte> PacketEndpoint::receive() {
  fd::throw_if_aborted(aborted_, what_);
  // Fragment 0 lands with its header in front of the body, exactly as it left.
  const std::size_t first = receive_datagram(in_.get(), kHeader + max_, nullptr, 0);
  FragmentHeader h{};
  std::memcpy(&h, in_.get(), std::min(first, kHeader));
  const std::size_t total = h.message_bytes;
  check_fragment(what_, first, kHeader + max_, h, 0, total);
  if (total > max_ || first - kHeader > total)
    throw_bad_fragment(what_, "fragment 0 of " + std::to_string(first - kHeader) +
                                  " bytes for a message of " + std::to_string(total) +
                                  " bytes (limit " + std::to_string(max_) + ")");
  std::byte* body = in_.get() + kHeader;
  std::size_t got = first - kHeader;
  for (std::uint32_t index = 1; got < total; ++index) {
    fd::throw_if_aborted(aborted_, what_);
    const std::size_t room = total - got;
    const std::size_t n = receive_datagram(&h, kHeader, body + got, room);
    check_fragment(what_, n, kHeader + room, h, index, total);
    got += n - kHeader;
  }
  return {body, total};
}

std::unique_ptr<Channel> make_packet_channel(int socket_type, const char* what,
                                             const ChannelOptions& o) {
  using PacketChannel = SocketChannel<PacketEndpoint, &PacketEndpoint::socket_fd>;
  return std::make_unique<PacketChannel>(socket_type, [&o, what](UniqueFd socket,
                                                                 const std::atomic<bool>& aborted) {
    return std::make_unique<PacketEndpoint>(std::move(socket), o.max_message_bytes, aborted, what);
  });
}

}  // namespace tvp::fd
