// A message endpoint over one connected SOCK_DGRAM or SOCK_SEQPACKET socket (the class is the same
// for both; only the socketpair differs). The kernel keeps message boundaries but refuses a
// datagram larger than the send buffer, and large datagrams need high-order kernel allocations, so
// a message travels as one or more fragments, each a datagram with an 8-byte header:
//
//   [message length u32][fragment index u32][body bytes]
//
// Fragment 0 leaves straight from the staging buffer, whose header sits in front of the body, and
// lands in the receive buffer the same way: a message that fits one fragment costs exactly one
// send() and one recv(). Later fragments carry their header in a separate iovec, so the body stays
// contiguous on both sides without a copy. The receiver checks every header: a lost, reordered,
// truncated or oversized fragment is a VerifyError.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "tvp/transport.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::fd {

struct FragmentHeader {
  std::uint32_t message_bytes;  // length of the whole message, the same in every fragment
  std::uint32_t index;          // 0, 1, 2 ... within the message
};
static_assert(sizeof(FragmentHeader) == 8, "the header is sent as raw bytes: no padding allowed");

class PacketEndpoint final : public Endpoint {
 public:
  // `fragment_bytes`: the largest datagram this side sends, header included; 0 derives it from the
  // socket's send buffer. The sender halves it if the kernel refuses a datagram that large
  // (EMSGSIZE, ENOBUFS); the receiver accepts fragments of any size. `what` names the transport.
  // REQUIRES: 1 <= max_message_bytes <= UINT32_MAX; fragment_bytes == 0 or > sizeof(header).
  // Throws std::invalid_argument, SystemError.
  PacketEndpoint(UniqueFd socket, std::size_t max_message_bytes, const std::atomic<bool>& aborted,
                 const char* what, std::size_t fragment_bytes = 0);

  std::span<std::byte> prepare(std::size_t bytes) override;
  void send() override;
  std::span<const std::byte> receive() override;
  void release() override {}
  void detach() noexcept override { socket_.reset(); }

  int socket_fd() const noexcept { return socket_.get(); }
  // The datagram size the sender currently uses (header included).
  std::size_t fragment_bytes() const noexcept { return fragment_; }

 private:
  // One datagram; returns 0 or the errno that says it was too large for the kernel right now.
  int send_fragment(std::uint32_t index, std::size_t offset, std::size_t chunk);
  void shrink_fragment(int err);
  // One datagram into [head, head_len) then [body, body_len); returns its full length (> 0),
  // which exceeds the two lengths if it was truncated.
  std::size_t receive_datagram(void* head, std::size_t head_len, std::byte* body,
                               std::size_t body_len);

  UniqueFd socket_;
  std::size_t max_;
  const std::atomic<bool>& aborted_;
  const char* what_;
  std::size_t fragment_;
  std::unique_ptr<std::byte[]> out_;  // [header of fragment 0][body]
  std::size_t out_len_ = 0;           // body bytes of the prepared message
  std::unique_ptr<std::byte[]> in_;   // [header of fragment 0][body]
};

// The channel of unix_dgram (SOCK_DGRAM) and unix_seqpacket (SOCK_SEQPACKET). Throws SystemError.
std::unique_ptr<Channel> make_packet_channel(int socket_type, const char* what,
                                             const ChannelOptions& o);

}  // namespace tvp::fd
